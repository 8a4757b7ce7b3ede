package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;

/**
 * A {@link Distance}'s higher-is-better similarity bound to one kernel implementation. Resolved
 * once per index so the hot loops call one small function instead of switching on the distance
 * for every pair of vectors.
 */
@FunctionalInterface
interface VectorSimilarity {

    /** Similarity of {@code a[aOffset..+length)} and {@code b[bOffset..+length)}; higher is closer. */
    float compare(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** The similarity of {@code distance} computed with {@code kernels}; vectors must be prepared. */
    static VectorSimilarity of(Distance distance, VectorKernels kernels) {
        return switch (distance) {
            case COSINE, DOT -> kernels::dot;
            case EUCLID -> (a, ao, b, bo, n) -> -kernels.squareDistance(a, ao, b, bo, n);
            case MANHATTAN -> (a, ao, b, bo, n) -> -kernels.l1Distance(a, ao, b, bo, n);
        };
    }
}
