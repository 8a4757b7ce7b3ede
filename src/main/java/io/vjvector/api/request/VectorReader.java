package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.error.VJVectorException;

/**
 * Reads a dense vector from JSON, element by element, so that a string such as {@code "NaN"}, a
 * number overflowing float, or a sparse or multi vector is rejected rather than coerced. A vector
 * the request parser already read as floats ({@link FloatsNode}) passed those checks there.
 */
public final class VectorReader {

    private VectorReader() {
    }

    /**
     * @param dimension the collection's vector size
     * @throws VJVectorException naming {@code path} or the offending element
     */
    public static float[] read(JsonNode node, String path, int dimension) {
        if (node instanceof FloatsNode floats && floats.size() == dimension) {
            return floats.floats().clone();
        }
        if (node == null || node.isNull()) {
            throw VJVectorException.badRequest(path, "is required: an array of " + dimension + " numbers");
        }
        if (node.isObject()) {
            throw VJVectorException.badRequest(path, node.has("indices")
                    ? "is a dense vector: send an array of " + dimension + " numbers, not a sparse vector"
                    : "must be an array of " + dimension + " numbers");
        }
        if (!node.isArray()) {
            throw VJVectorException.badRequest(path, "must be an array of " + dimension + " numbers");
        }
        if (node.size() > 0 && node.get(0).isArray()) {
            throw VJVectorException.badRequest(path, "is a dense vector: send an array of " + dimension
                    + " numbers, not a multivector");
        }
        if (node.size() != dimension) {
            throw VJVectorException.badRequest(path, "expected " + dimension + " dimensions, got " + node.size());
        }
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            JsonNode e = node.get(i);
            if (!e.isNumber()) {
                throw VJVectorException.format(FieldPath.index(path, i), "must be a number, got "
                        + PointIdReader.abbreviate(e));
            }
            float f = e.floatValue();
            if (!Float.isFinite(f)) {
                throw VJVectorException.badRequest(FieldPath.index(path, i),
                        "must be a finite 32-bit float, got " + e.asText());
            }
            v[i] = f;
        }
        return v;
    }
}
