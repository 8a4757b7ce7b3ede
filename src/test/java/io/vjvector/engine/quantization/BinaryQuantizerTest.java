package io.vjvector.engine.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BinaryQuantizerTest {

    @Test
    void positiveComponentsSetTheirBit() {
        float[] v = new float[70];
        v[0] = 1f;
        v[3] = 0.1f;
        v[4] = -1f;
        v[69] = 2f;
        long[] words = new long[BinaryQuantizer.words(70)];
        BinaryQuantizer.encode(v, 0, 70, words, 0);
        assertEquals(2, words.length);
        assertEquals(0b1001L, words[0]);
        assertEquals(1L << 5, words[1]);
    }

    @Test
    void hammingCountsDifferingBits() {
        long[] a = {0b1011L, -1L};
        long[] b = {0b0001L, 0L};
        assertEquals(2 + 64, BinaryQuantizer.hamming(a, 0, b, 0, 2));
        assertEquals(0, BinaryQuantizer.hamming(a, 0, a, 0, 2));
    }
}
