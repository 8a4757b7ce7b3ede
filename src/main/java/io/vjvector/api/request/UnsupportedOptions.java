package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.error.VJVectorException;

/**
 * Rejects Qdrant options VJVector does not implement. Answering 400 naming the option is safer
 * than accepting it silently: a client relying on it would otherwise get other semantics.
 */
public final class UnsupportedOptions {

    private UnsupportedOptions() {
    }

    /** Rejects {@code value} when it is given (not absent, not null). */
    public static void reject(JsonNode value, String path) {
        if (JsonValues.present(value)) {
            throw notSupported(path);
        }
    }

    /** Rejects a scalar option when it is given. */
    public static void reject(Object value, String path) {
        if (value != null) {
            throw notSupported(path);
        }
    }

    /** Rejects a flag that is set to true (false is what VJVector does anyway). */
    public static void rejectTrue(Boolean value, String path) {
        if (Boolean.TRUE.equals(value)) {
            throw VJVectorException.badRequest(path, "is not supported (only false)");
        }
    }

    private static VJVectorException notSupported(String path) {
        return VJVectorException.badRequest(path, "is not supported by VJVector");
    }
}
