package io.vjvector.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The reference implementation on hand-checked values, so the cross-checks compare against truth. */
class ScalarKernelsTest {

    private final ScalarKernels kernels = ScalarKernels.INSTANCE;
    private final float[] a = {9, 1, 2, 3, 9};
    private final float[] b = {4, -5, 6, 9};

    @Test
    void dotHonoursOffsetsAndLength() {
        assertEquals(1 * 4 + 2 * -5 + 3 * 6, kernels.dot(a, 1, b, 0, 3));
        assertEquals(32f, kernels.dot(new float[] {1, 2, 3}, new float[] {4, 5, 6}));
    }

    @Test
    void squareDistanceSumsSquaredDifferences() {
        assertEquals(9 + 49 + 9, kernels.squareDistance(a, 1, b, 0, 3));
    }

    @Test
    void l1DistanceSumsAbsoluteDifferences() {
        assertEquals(3 + 7 + 3, kernels.l1Distance(a, 1, b, 0, 3));
    }

    @Test
    void cosineOfParallelOrthogonalAndZeroVectors() {
        assertEquals(1f, kernels.cosine(new float[] {1, 2}, 0, new float[] {2, 4}, 0, 2), 1e-6f);
        assertEquals(-1f, kernels.cosine(new float[] {1, 2}, 0, new float[] {-3, -6}, 0, 2), 1e-6f);
        assertEquals(0f, kernels.cosine(new float[] {1, 0}, 0, new float[] {0, 5}, 0, 2));
        assertEquals(0f, kernels.cosine(new float[] {0, 0}, 0, new float[] {1, 1}, 0, 2));
    }

    @Test
    void int8DotIsExactAtTheExtremes() {
        byte[] x = {Byte.MIN_VALUE, Byte.MAX_VALUE, -1, 0};
        byte[] y = {Byte.MIN_VALUE, Byte.MIN_VALUE, Byte.MAX_VALUE, 5};
        assertEquals(16384 - 16256 - 127, kernels.int8Dot(x, 0, y, 0, 4));
    }

    @Test
    void emptyRangeIsZero() {
        assertEquals(0f, kernels.dot(a, 2, b, 2, 0));
        assertEquals(0, kernels.int8Dot(new byte[0], 0, new byte[0], 0, 0));
    }
}
