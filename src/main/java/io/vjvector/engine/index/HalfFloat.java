package io.vjvector.engine.index;

/**
 * IEEE 754 half-precision bit patterns for the float16 vector store (Java 17 has no
 * {@code Float.floatToFloat16}). Values are rounded to half precision by
 * {@link Datatype#toHalfPrecision} before they are encoded here, so encoding never rounds.
 */
final class HalfFloat {

    /** The largest finite half: 65504. */
    private static final int MAX_FINITE_BITS = 0x7BFF;

    private HalfFloat() {
    }

    /**
     * The half-precision bits of {@code v}, which must be a half-precision value (as
     * {@link Datatype#toHalfPrecision} returns); magnitudes beyond 65504 saturate to it.
     */
    static short toBits(float v) {
        int sign = (Float.floatToRawIntBits(v) >>> 16) & 0x8000;
        float a = Math.abs(v);
        if (a == 0f) {
            return (short) sign;
        }
        int exponent = Math.getExponent(a);
        if (exponent < -14) {
            // Subnormal: a whole multiple of 2^-24.
            return (short) (sign | (int) (a * 0x1p24f));
        }
        if (exponent > 15) {
            return (short) (sign | MAX_FINITE_BITS);
        }
        int fraction = (Float.floatToRawIntBits(a) >>> 13) & 0x3FF;
        return (short) (sign | ((exponent + 15) << 10) | fraction);
    }

    /** The float of half-precision {@code bits} (finite values; the store never holds others). */
    static float fromBits(short bits) {
        int exponent = (bits >>> 10) & 0x1F;
        int fraction = bits & 0x3FF;
        float magnitude = exponent == 0
                ? fraction * 0x1p-24f
                : Float.intBitsToFloat(((exponent + 112) << 23) | (fraction << 13));
        return bits < 0 ? -magnitude : magnitude;
    }
}
