package io.vjvector.api.request;

import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.payload.JsonPathException;
import io.vjvector.error.VJVectorException;
import java.util.List;

/** Checks payload keys (Qdrant's path syntax such as {@code a.b[0]}) where a request names them. */
public final class PayloadKeyReader {

    private PayloadKeyReader() {
    }

    public static String read(String key, String path) {
        if (key == null || key.isEmpty()) {
            throw VJVectorException.badRequest(path, "must be a non-empty payload key");
        }
        try {
            JsonPath.parse(key);
        } catch (JsonPathException e) {
            throw VJVectorException.badRequest(path, "is not a valid payload key: " + e.reason());
        }
        return key;
    }

    public static List<String> readAll(List<String> keys, String path) {
        if (keys == null) {
            throw VJVectorException.badRequest(path, "is required: a list of payload keys");
        }
        for (int i = 0; i < keys.size(); i++) {
            read(keys.get(i), FieldPath.index(path, i));
        }
        return keys;
    }
}
