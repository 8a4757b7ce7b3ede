package io.vjvector.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Selection in this JVM (started with {@code --add-modules jdk.incubator.vector}) and, for what
 * depends on the JVM's command line, in child JVMs running {@link ProviderProbe}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VectorKernelsProviderTest {

    private static final String ADD_MODULE = "--add-modules=jdk.incubator.vector";

    @Test
    void scalarModeGivesScalarKernels() {
        VectorKernels kernels = VectorKernelsProvider.select(KernelMode.SCALAR, false);
        assertSame(ScalarKernels.INSTANCE, kernels);
        assertEquals("scalar", kernels.name());
    }

    @Test
    void autoPicksVectorApiWhenModuleIsPresent() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "surefire must start the test JVM with " + ADD_MODULE);
        VectorKernels kernels = VectorKernelsProvider.select(KernelMode.AUTO, false);
        assertInstanceOf(PanamaVectorKernels.class, kernels);
        assertTrue(kernels.name().matches("vector-api \\((128|256|512)-bit, (FMA|no FMA)\\)"), kernels.name());
    }

    @Test
    void autoAndVectorShareOneCachedInstance() {
        VectorKernels auto = VectorKernelsProvider.select(KernelMode.AUTO, false);
        assertSame(auto, VectorKernelsProvider.select(KernelMode.AUTO, false));
        assertSame(auto, VectorKernelsProvider.select(KernelMode.VECTOR, false));
    }

    @Test
    void autoInNativeImageUsesScalar() {
        assertSame(ScalarKernels.INSTANCE, VectorKernelsProvider.select(KernelMode.AUTO, true));
    }

    @Test
    void vectorInNativeImageFailsSayingWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VectorKernelsProvider.select(KernelMode.VECTOR, true));
        assertTrue(e.getMessage().contains("native image"), e.getMessage());
        assertTrue(e.getMessage().contains("vjvector.kernels=auto"), e.getMessage());
    }

    /** Under the scalar-kernels surefire execution this is the scalar path; otherwise auto. */
    @Test
    void fromSystemPropertyFollowsProperty() {
        KernelMode mode = KernelMode.parse(System.getProperty(VectorKernelsProvider.PROPERTY, "auto"));
        assertSame(VectorKernelsProvider.select(mode, false), VectorKernelsProvider.fromSystemProperty());
    }

    @Test
    void fromSystemPropertyRejectsUnknownMode() {
        String saved = System.getProperty(VectorKernelsProvider.PROPERTY);
        System.setProperty(VectorKernelsProvider.PROPERTY, "fastest");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    VectorKernelsProvider::fromSystemProperty);
            assertEquals("vjvector.kernels must be one of auto, vector, scalar; got 'fastest'", e.getMessage());
        } finally {
            if (saved == null) {
                System.clearProperty(VectorKernelsProvider.PROPERTY);
            } else {
                System.setProperty(VectorKernelsProvider.PROPERTY, saved);
            }
        }
    }

    @Test
    void autoWithoutModuleFallsBackToScalarAndLogsWhyOnce() throws Exception {
        ChildJvm child = ChildJvm.run(List.of(), ProviderProbe.class, "auto");
        assertTrue(child.output().contains("selected: scalar (cached)"), child.output());
        assertEquals(1, child.count("log WARN: VJVector kernels: scalar (module jdk.incubator.vector is not in the boot layer;"
                + " start the JVM with --add-modules jdk.incubator.vector)"), child.output());
    }

    @Test
    void vectorWithoutModuleFailsWithActionableMessage() throws Exception {
        ChildJvm child = ChildJvm.run(List.of(), ProviderProbe.class, "vector");
        assertTrue(child.output().contains("error: IllegalStateException: vjvector.kernels=vector, but module"
                + " jdk.incubator.vector is not in the boot layer; start the JVM with --add-modules"
                + " jdk.incubator.vector"), child.output());
    }

    @Test
    void autoWithModuleLogsVectorApiOnce() throws Exception {
        ChildJvm child = ChildJvm.run(List.of(ADD_MODULE), ProviderProbe.class, "auto");
        assertTrue(child.output().contains("selected: vector-api ("), child.output());
        assertTrue(child.output().contains(" (cached)"), child.output());
        assertEquals(1, child.count("log INFO: VJVector kernels: vector-api ("), child.output());
    }

    /** C1 runs the Vector API as ordinary objects, far slower than scalar loops. */
    @Test
    void autoWithoutC2UsesScalarButVectorStillForcesIt() throws Exception {
        List<String> c1Only = List.of(ADD_MODULE, "-XX:TieredStopAtLevel=1");
        ChildJvm auto = ChildJvm.run(c1Only, ProviderProbe.class, "auto");
        assertTrue(auto.output().contains("selected: scalar"), auto.output());
        assertTrue(auto.output().contains("log WARN: VJVector kernels: scalar (the C2 compiler is disabled"),
                auto.output());
        ChildJvm forced = ChildJvm.run(c1Only, ProviderProbe.class, "vector");
        assertTrue(forced.output().contains("selected: vector-api ("), forced.output());
    }

    @Test
    void invalidVectorBitsFailsSelection() throws Exception {
        ChildJvm child = ChildJvm.run(List.of(ADD_MODULE, "-Dvjvector.kernels.vector-bits=300"),
                ProviderProbe.class, "auto");
        assertTrue(child.output().contains("error: IllegalArgumentException: vjvector.kernels.vector-bits"
                + " must be one of preferred, 128, 256, 512; got '300'"), child.output());
    }
}
