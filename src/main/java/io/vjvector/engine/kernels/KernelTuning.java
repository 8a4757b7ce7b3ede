package io.vjvector.engine.kernels;

import java.util.Locale;

/**
 * Tuning of the Vector API kernels, read from system properties once when the Vector API
 * implementation is loaded. The JIT only turns Vector API code into SIMD instructions when the
 * species is a constant, so these values end up in {@code static final} fields and cannot change
 * while the JVM runs.
 *
 * @param vectorBits vector width in bits, or {@link #PREFERRED} for the platform's preferred width
 * @param fma        whether the float kernels use fused multiply-add
 */
record KernelTuning(int vectorBits, Fma fma) {

    /** {@link #vectorBits()} value meaning "the species the platform prefers". */
    static final int PREFERRED = 0;

    /** Fused multiply-add policy: {@code auto} uses it when the CPU has it. */
    enum Fma { AUTO, ON, OFF }

    static KernelTuning fromSystemProperties() {
        return parse(System.getProperty(VectorKernelsProvider.VECTOR_BITS_PROPERTY),
                System.getProperty(VectorKernelsProvider.FMA_PROPERTY));
    }

    /** Parses the two property values; {@code null} or blank means the default. */
    static KernelTuning parse(String vectorBits, String fma) {
        return new KernelTuning(parseVectorBits(vectorBits), parseFma(fma));
    }

    private static int parseVectorBits(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "":
            case "preferred":
                return PREFERRED;
            case "128":
            case "256":
            case "512":
                return Integer.parseInt(v);
            default:
                throw new IllegalArgumentException(VectorKernelsProvider.VECTOR_BITS_PROPERTY
                        + " must be one of preferred, 128, 256, 512; got '" + value + "'");
        }
    }

    private static Fma parseFma(String value) {
        String v = value == null || value.isBlank() ? "AUTO" : value.trim().toUpperCase(Locale.ROOT);
        try {
            return Fma.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VectorKernelsProvider.FMA_PROPERTY
                    + " must be one of auto, on, off; got '" + value + "'", e);
        }
    }
}
