package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.error.VJVectorException;

/** Reads payloads: a payload is always a JSON object. */
public final class PayloadReader {

    private PayloadReader() {
    }

    /** A point's payload on upsert; absent or null is the empty payload. */
    public static ObjectNode optional(JsonNode node, String path) {
        return JsonValues.present(node) ? required(node, path) : JsonNodeFactory.instance.objectNode();
    }

    /** The payload of a set/overwrite payload request. */
    public static ObjectNode required(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw VJVectorException.badRequest(path, JsonValues.present(node) ? "must be a JSON object" : "is required: a JSON object");
        }
        return (ObjectNode) node;
    }
}
