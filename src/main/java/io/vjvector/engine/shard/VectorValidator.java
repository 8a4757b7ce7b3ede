package io.vjvector.engine.shard;

import io.vjvector.engine.index.Datatype;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.error.VJVectorException;
import java.util.Map;

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

    /**
     * Checks every value against its field: the name must exist, the value must be of the field's
     * kind and fit it. A point may lack any of its fields.
     *
     * @param field JSON path of the point's vectors, reported with the error
     * @throws VJVectorException BAD_REQUEST with Qdrant's message
     */
    public static void check(Map<String, VectorValue> vectors, Map<String, VectorFieldSpec> specs, String field) {
        for (Map.Entry<String, VectorValue> e : vectors.entrySet()) {
            checkValue(e.getKey(), e.getValue(), specs, field, true);
        }
    }

    /**
     * Checks a query value against the field it searches.
     *
     * @throws VJVectorException BAD_REQUEST naming {@code using} or the vector
     */
    public static void checkQuery(String using, VectorValue query, Map<String, VectorFieldSpec> specs) {
        checkValue(using, query, specs, "query", false);
    }

    /**
     * Refuses a vector its field's datatype cannot hold (uint8 outside 0..255, float16 beyond
     * ±65504) here, before the write is logged: found while applying, it would fail the shard.
     */
    private static void fits(Datatype datatype, float[] vector, String path) {
        if (datatype == Datatype.FLOAT32) {
            return;
        }
        try {
            datatype.store(vector);
        } catch (IllegalArgumentException e) {
            throw VJVectorException.badRequest(path, e.getMessage());
        }
    }

    /** @param stored whether the value is to be stored (queries are not held to the field's datatype) */
    private static void checkValue(String name, VectorValue value, Map<String, VectorFieldSpec> specs, String field,
                                   boolean stored) {
        VectorFieldSpec spec = specs.get(name);
        String path = name.isEmpty() ? field : field + "." + name;
        if (spec == null) {
            throw VJVectorException.badRequest(path, "Wrong input: Not existing vector name error: " + name);
        }
        if (spec instanceof VectorFieldSpec.Dense d) {
            if (!(value instanceof VectorValue.Dense dense)) {
                throw VJVectorException.badRequest(path, "Wrong input: vector '" + name + "' is a dense vector");
            }
            check(dense.values(), d.index().dimension(), path);
            if (stored) {
                fits(d.datatype(), dense.values(), path);
            }
        } else if (spec instanceof VectorFieldSpec.Multi m) {
            if (!(value instanceof VectorValue.Multi multi)) {
                throw VJVectorException.badRequest(path, "Wrong input: vector '" + name
                        + "' is a multivector: a list of vectors");
            }
            if (multi.vector().dimension() != m.index().dimension()) {
                throw VJVectorException.badRequest(path, "Vector dimension error: expected dim: "
                        + m.index().dimension() + ", got " + multi.vector().dimension());
            }
            float[][] rows = multi.vector().rows();
            for (int r = 0; stored && r < rows.length; r++) {
                fits(m.datatype(), rows[r], path + "[" + r + "]");
            }
        } else if (spec instanceof VectorFieldSpec.Sparse && !(value instanceof VectorValue.Sparse)) {
            throw VJVectorException.badRequest(path, "Wrong input: vector '" + name
                    + "' is a sparse vector: {\"indices\": [...], \"values\": [...]}");
        }
    }
}
