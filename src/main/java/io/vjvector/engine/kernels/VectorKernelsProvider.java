package io.vjvector.engine.kernels;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the kernel implementation once per mode and logs the choice once. The Vector API
 * implementation is loaded by name only when usable, so a JVM without {@code jdk.incubator.vector}
 * or a native image never links it.
 *
 * <p>System properties (all read once, when the Vector API implementation is first selected):
 * <ul>
 *   <li>{@value #PROPERTY} = {@code auto} (default) | {@code vector} | {@code scalar}: see
 *       {@link KernelMode} and {@link #select}.</li>
 *   <li>{@value #VECTOR_BITS_PROPERTY} = {@code preferred} (default) | {@code 128} | {@code 256} |
 *       {@code 512}: width of the Vector API species. The preferred width is the CPU's widest
 *       (512 bits with AVX-512, 256 with AVX2). Forcing 256 is for CPUs that lower their clock
 *       under 512-bit instructions (older Intel server parts); 128 mainly exists to test the
 *       narrow-vector code path. A width the CPU/JVM does not support is lowered to the widest it
 *       does, with a warning.</li>
 *   <li>{@value #FMA_PROPERTY} = {@code auto} (default) | {@code on} | {@code off}: fused
 *       multiply-add in the float kernels. {@code auto} uses it when HotSpot reports hardware FMA
 *       ({@code UseFMA}): one instruction and one rounding instead of two. On the AVX-512 (AMD)
 *       machine we measured, 512-bit with FMA was never measurably slower than 256-bit or no-FMA
 *       for dot, squared distance and cosine at 768 dimensions (L2-resident data; a shared
 *       machine, ±20 % noise), and all four were equal within noise once the data came from L3
 *       or memory. Without hardware
 *       FMA it is never used: the software fallback is slower by orders of magnitude.</li>
 * </ul>
 */
public final class VectorKernelsProvider {

    /** System property read by {@link #fromSystemProperty()}; same key as the Quarkus config. */
    public static final String PROPERTY = "vjvector.kernels";
    /** Vector API species width in bits: {@code preferred}, 128, 256 or 512. */
    public static final String VECTOR_BITS_PROPERTY = "vjvector.kernels.vector-bits";
    /** Fused multiply-add in the Vector API float kernels: {@code auto}, {@code on} or {@code off}. */
    public static final String FMA_PROPERTY = "vjvector.kernels.fma";

    private static final String VECTOR_API_CLASS = "io.vjvector.engine.kernels.PanamaVectorKernels";
    private static final System.Logger LOG = System.getLogger(VectorKernelsProvider.class.getName());

    /** Guarded by the class lock; at most six entries. */
    private static final Map<Request, VectorKernels> CHOSEN = new HashMap<>();
    /** The one Vector API instance, shared by {@code auto} and {@code vector}; class lock. */
    private static VectorKernels vectorApi;

    private record Request(KernelMode mode, boolean nativeImage) {
    }

    private VectorKernelsProvider() {
    }

    /**
     * Returns the kernels for a mode, choosing and logging on the first call for that mode and
     * returning the same instance afterwards.
     * <ul>
     *   <li>{@code AUTO}: the Vector API when module {@code jdk.incubator.vector} is in the boot
     *       layer, this is not a native image and C2 is enabled; otherwise scalar, logging why.</li>
     *   <li>{@code VECTOR}: the Vector API, or {@link IllegalStateException} saying what to change.
     *       </li>
     *   <li>{@code SCALAR}: the scalar loops.</li>
     * </ul>
     *
     * @param mode        requested mode
     * @param nativeImage true when running as a GraalVM native image (Vector API unusable)
     * @throws IllegalStateException    for {@code VECTOR} when the Vector API cannot run here
     * @throws IllegalArgumentException when a tuning property has an invalid value
     */
    public static synchronized VectorKernels select(KernelMode mode, boolean nativeImage) {
        Request request = new Request(Objects.requireNonNull(mode, "mode"), nativeImage);
        VectorKernels chosen = CHOSEN.get(request);
        if (chosen == null) {
            chosen = choose(request);
            CHOSEN.put(request, chosen);
        }
        return chosen;
    }

    /** Selection from the {@value #PROPERTY} system property (default auto); used by engine tests. */
    public static VectorKernels fromSystemProperty() {
        return select(KernelMode.parse(System.getProperty(PROPERTY, "auto")), false);
    }

    private static VectorKernels choose(Request request) {
        switch (request.mode()) {
            case SCALAR:
                return scalar(Level.INFO, "requested");
            case VECTOR:
                return forcedVectorApi(request.nativeImage());
            case AUTO:
                return autoDetected(request.nativeImage());
            default:
                throw new AssertionError("unhandled kernel mode " + request.mode());
        }
    }

    private static VectorKernels forcedVectorApi(boolean nativeImage) {
        Optional<String> missing = VectorApiSupport.missingRequirement(nativeImage);
        if (missing.isPresent()) {
            throw new IllegalStateException(PROPERTY + "=vector, but " + missing.get()
                    + " (or set " + PROPERTY + "=auto to fall back to scalar kernels)");
        }
        KernelTuning.fromSystemProperties(); // a typo fails with its own message, not as a load failure
        VectorKernels kernels;
        try {
            kernels = loadVectorApi();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new IllegalStateException(PROPERTY + "=vector, but the Vector API kernels failed to load: "
                    + describe(e), e);
        }
        Optional<String> slow = VectorApiSupport.slowReason();
        if (slow.isPresent()) {
            LOG.log(Level.WARNING, "VJVector kernels: {0}, forced although {1}; expect it to be slower than scalar",
                    kernels.name(), slow.get());
        } else {
            LOG.log(Level.INFO, "VJVector kernels: {0}", kernels.name());
        }
        return kernels;
    }

    private static VectorKernels autoDetected(boolean nativeImage) {
        Optional<String> missing = VectorApiSupport.missingRequirement(nativeImage);
        if (missing.isPresent()) {
            // A native image is expected to run scalar; a JVM without the module is a deployment slip.
            return scalar(nativeImage ? Level.INFO : Level.WARNING, missing.get());
        }
        Optional<String> slow = VectorApiSupport.slowReason();
        if (slow.isPresent()) {
            return scalar(Level.WARNING, slow.get());
        }
        // Validated here so a typo fails with its own message rather than falling back silently.
        KernelTuning.fromSystemProperties();
        try {
            VectorKernels kernels = loadVectorApi();
            LOG.log(Level.INFO, "VJVector kernels: {0}", kernels.name());
            return kernels;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return scalar(Level.WARNING, "the Vector API kernels failed to load: " + describe(e));
        }
    }

    private static VectorKernels scalar(Level level, String reason) {
        LOG.log(level, "VJVector kernels: {0} ({1})", ScalarKernels.INSTANCE.name(), reason);
        return ScalarKernels.INSTANCE;
    }

    private static VectorKernels loadVectorApi() throws ReflectiveOperationException {
        if (vectorApi == null) {
            Class<? extends VectorKernels> type = Class
                    .forName(VECTOR_API_CLASS, true, VectorKernelsProvider.class.getClassLoader())
                    .asSubclass(VectorKernels.class);
            vectorApi = type.getDeclaredConstructor().newInstance();
        }
        return vectorApi;
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
        return cause.toString();
    }
}
