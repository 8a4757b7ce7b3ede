package io.vjvector.engine.index;

/**
 * IEEE 754 half-precision bit patterns for the float16 vector store (Java 17 has no
 * {@code Float.floatToFloat16}). Values are rounded to half precision by
 * {@link Datatype#toHalfPrecision} before they are encoded here, so encoding never rounds.
 */
final class HalfFloat {

    /** The largest finite half: 65504. */
    private static final int MAX_FINITE_BITS = 0x7BFF;

    /** Every half-precision bit pattern's float (256 KiB): decoding is then one load per component. */
    private static final float[] FLOATS = new float[1 << 16];

    static {
        for (int bits = 0; bits < FLOATS.length; bits++) {
            FLOATS[bits] = fromBits((short) bits);
        }
    }

    private HalfFloat() {
    }

    /** {@link #fromBits} of the unsigned 16-bit {@code bits}, by table. */
    static float toFloat(int bits) {
        return FLOATS[bits];
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
