package io.vjvector.engine.kernels;

/**
 * Chooses the kernel implementation once. The Vector API implementation is loaded by name only
 * when usable, so a build or native image without {@code jdk.incubator.vector} never links it.
 */
public final class VectorKernelsProvider {

    /** System property read by {@link #fromSystemProperty()}; same key as the Quarkus config. */
    public static final String PROPERTY = "vjvector.kernels";

    private VectorKernelsProvider() {
    }

    /**
     * @param mode        requested mode
     * @param nativeImage true when running as a GraalVM native image (Vector API unusable)
     */
    public static VectorKernels select(KernelMode mode, boolean nativeImage) {
        // TODO(kernels): Vector API implementation; scalar until it lands.
        return ScalarKernels.INSTANCE;
    }

    /** Selection from the {@value #PROPERTY} system property (default auto); used by engine tests. */
    public static VectorKernels fromSystemProperty() {
        return select(KernelMode.parse(System.getProperty(PROPERTY, "auto")), false);
    }
}
