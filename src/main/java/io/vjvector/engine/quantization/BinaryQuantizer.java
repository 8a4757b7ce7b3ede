package io.vjvector.engine.quantization;

/**
 * One bit per dimension: set when the component is positive. Two codes compare by Hamming
 * distance (differing bits), which for vectors centred on zero ranks like the angle between them.
 */
public final class BinaryQuantizer {

    private BinaryQuantizer() {
    }

    /** 64-bit words per code of {@code dimension} bits. */
    public static int words(int dimension) {
        return (dimension + 63) >>> 6;
    }

    /** Writes the bits of {@code v[vOffset..+length)} to {@code words[wordsOffset..]}. */
    public static void encode(float[] v, int vOffset, int length, long[] words, int wordsOffset) {
        int count = words(length);
        for (int w = 0; w < count; w++) {
            long bits = 0;
            int base = w << 6;
            int end = Math.min(64, length - base);
            for (int b = 0; b < end; b++) {
                if (v[vOffset + base + b] > 0f) {
                    bits |= 1L << b;
                }
            }
            words[wordsOffset + w] = bits;
        }
    }

    /** Bits that differ between two codes of {@code count} words. */
    public static int hamming(long[] a, int aOffset, long[] b, int bOffset, int count) {
        int distance = 0;
        for (int i = 0; i < count; i++) {
            distance += Long.bitCount(a[aOffset + i] ^ b[bOffset + i]);
        }
        return distance;
    }
}
