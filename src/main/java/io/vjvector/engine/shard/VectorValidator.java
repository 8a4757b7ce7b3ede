package io.vjvector.engine.shard;

import io.vjvector.error.VJVectorException;

/** Rejects vectors the index must never see: wrong length or a NaN/infinite component. */
public final class VectorValidator {

    private VectorValidator() {
    }

    /**
     * @param field JSON path reported with the error (e.g. {@code points[3].vector})
     * @throws VJVectorException BAD_REQUEST with Qdrant's dimension message, or naming the bad component
     */
    public static void check(float[] vector, int dimension, String field) {
        if (vector == null) {
            throw VJVectorException.badRequest(field, "vector is required");
        }
        if (vector.length != dimension) {
            throw VJVectorException.badRequest(field,
                    "Vector dimension error: expected dim: " + dimension + ", got " + vector.length);
        }
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw VJVectorException.badRequest(field + "[" + i + "]", "vector components must be finite numbers");
            }
        }
    }
}
