package io.vjvector.engine.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Answers whether the Vector API can run in this process, and whether it would run fast. Touches
 * no {@code jdk.incubator.vector} class, so it is safe to call where that module is absent.
 */
final class VectorApiSupport {

    static final String MODULE = "jdk.incubator.vector";

    private VectorApiSupport() {
    }

    /**
     * Why the Vector API cannot be used at all, with what to do about it; empty when it can.
     *
     * @param nativeImage true in a GraalVM native image, which does not support the incubator API
     */
    static Optional<String> missingRequirement(boolean nativeImage) {
        if (nativeImage) {
            return Optional.of("running as a native image, which has no Vector API");
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return Optional.of("module " + MODULE + " is not in the boot layer;"
                    + " start the JVM with --add-modules " + MODULE);
        }
        return Optional.empty();
    }

    /**
     * Why the Vector API would be slower than plain loops here; empty when it should be fast. Only
     * HotSpot's C2 compiles Vector API calls to SIMD instructions; the interpreter and C1 execute
     * them as ordinary objects, an order of magnitude slower than the scalar loops.
     */
    static Optional<String> slowReason() {
        String vm = System.getProperty("java.vm.name", "");
        if (!vm.contains("HotSpot") && !vm.contains("OpenJDK")) {
            return Optional.of("the JVM is " + vm + ", not HotSpot");
        }
        String info = System.getProperty("java.vm.info", "");
        if (info.contains("interpreted mode")) {
            return Optional.of("the JIT compiler is disabled (-Xint)");
        }
        boolean tiered = vmOption("TieredCompilation").map(Boolean::parseBoolean).orElse(true);
        int stopAt = vmOption("TieredStopAtLevel").map(Integer::parseInt).orElse(4);
        if (info.contains("emulated-client") || (tiered && stopAt < 4)) {
            return Optional.of("the C2 compiler is disabled (-XX:TieredStopAtLevel=" + stopAt + ")");
        }
        return Optional.empty();
    }

    /**
     * Whether HotSpot uses the CPU's fused multiply-add instructions. Without them
     * {@code Math.fma} and the Vector API's {@code fma} fall back to a slow software path.
     */
    static boolean hardwareFma() {
        return vmOption("UseFMA").map(Boolean::parseBoolean).orElse(false);
    }

    private static Optional<String> vmOption(String name) {
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return bean == null ? Optional.empty() : Optional.of(bean.getVMOption(name).getValue());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // no such option on this VM or platform
        } catch (LinkageError | SecurityException e) {
            return Optional.empty(); // a runtime image without java.management / jdk.management
        }
    }
}
