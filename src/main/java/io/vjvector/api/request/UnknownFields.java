package io.vjvector.api.request;

import io.vjvector.error.VJVectorException;
import java.util.Map;

/**
 * Refuses members of a request body that its Qdrant schema does not define: a misspelt setting
 * answered 200 would be silently ignored. Bodies collect them with {@code @JsonAnySetter}.
 */
public final class UnknownFields {

    private UnknownFields() {
    }

    /** @throws VJVectorException BAD_REQUEST naming the first unknown member ({@code prefix} + name) */
    public static void reject(Map<String, ?> unknown, String prefix) {
        if (unknown != null && !unknown.isEmpty()) {
            String name = unknown.keySet().iterator().next();
            throw VJVectorException.badRequest(prefix.isEmpty() ? name : prefix + "." + name, "unknown field");
        }
    }
}
