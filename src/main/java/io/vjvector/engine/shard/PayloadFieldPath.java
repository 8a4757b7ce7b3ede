package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A dotted payload key ({@code a.b.c}) read for the field statistics of collection info. A value
 * counts when the path leads to something other than null, an empty array or a missing key.
 */
final class PayloadFieldPath {

    private final String[] parts;

    private PayloadFieldPath(String[] parts) {
        this.parts = parts;
    }

    static PayloadFieldPath of(String key) {
        return new PayloadFieldPath(key.split("\\."));
    }

    boolean hasValue(JsonNode payload) {
        return hasValue(payload, 0);
    }

    private boolean hasValue(JsonNode node, int depth) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return false;
        }
        if (node.isArray()) {
            // Qdrant's paths look through arrays of objects: a.b matches {"a": [{"b": 1}]}.
            for (JsonNode element : node) {
                if (hasValue(element, depth)) {
                    return true;
                }
            }
            return false;
        }
        if (depth == parts.length) {
            return true;
        }
        return node.isObject() && hasValue(node.get(parts[depth].replace("[]", "")), depth + 1);
    }
}
