package io.vjvector.collection;

import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.payload.JsonPathException;
import io.vjvector.error.VJVectorException;

/** Parses payload paths given in requests, turning a bad one into a BAD_REQUEST naming its field. */
public final class PayloadPaths {

    private PayloadPaths() {
    }

    public static JsonPath parse(String path, String field) {
        try {
            return JsonPath.parse(path);
        } catch (JsonPathException e) {
            throw VJVectorException.badRequest(field, e.getMessage());
        }
    }
}
