package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;

/** Argument checks and the normalisation every index applies to stored and query vectors. */
final class VectorPreparation {

    private VectorPreparation() {
    }

    /** The vector to store: normalised for Cosine; the store copies it, so no copy here. */
    static float[] prepare(Distance distance, VectorKernels kernels, float[] vector, int dimension) {
        checkDimension(vector, dimension);
        return distance.normalizes() ? Distance.normalized(kernels, vector) : vector;
    }

    /** The query to score with: normalised for Cosine, else the caller's array (only read). */
    static float[] prepareQuery(Distance distance, VectorKernels kernels, float[] query, int dimension) {
        return prepare(distance, kernels, query, dimension);
    }

    static void checkDimension(float[] vector, int dimension) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException(
                    "vector has " + vector.length + " dimensions, index expects " + dimension);
        }
    }

    static void checkOrdinal(int ordinal, int size) {
        if (ordinal < 0 || ordinal >= size) {
            throw new IndexOutOfBoundsException("ordinal " + ordinal + " of " + size);
        }
    }
}
