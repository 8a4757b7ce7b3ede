package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.error.VJVectorException;
import java.util.Set;

/**
 * Reads the optional members of one JSON object of a request (a settings group such as
 * {@code wal_config}): a member not in {@code known} is refused naming it, a member of the wrong
 * type is refused naming it and the type; absent and null members read as null. Ranges beyond
 * the JSON type are the business of {@link io.vjvector.collection.CollectionValidation}.
 */
final class JsonMembers {

    private final JsonNode node;
    private final String prefix;

    private JsonMembers(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /**
     * The members of {@code node} (null when it is absent or null).
     *
     * @throws VJVectorException BAD_REQUEST when it is not an object or has a member not in {@code known}
     */
    static JsonMembers of(JsonNode node, String prefix, Set<String> known) {
        if (!JsonValues.present(node)) {
            return null;
        }
        if (!node.isObject()) {
            throw VJVectorException.format(prefix, "must be an object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw VJVectorException.badRequest(prefix + "." + name, "unknown field");
            }
        });
        return new JsonMembers(node, prefix);
    }

    private JsonNode get(String name) {
        JsonNode value = node.get(name);
        return JsonValues.present(value) ? value : null;
    }

    /** A non-negative integer that fits an int (Qdrant's unsigned sizes). */
    Integer count(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw VJVectorException.format(prefix + "." + name, "must be a non-negative integer");
        }
        return v.intValue();
    }

    /** A non-negative integer that fits a long (byte sizes, point counts). */
    Long bigCount(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw VJVectorException.format(prefix + "." + name, "must be a non-negative integer");
        }
        return v.longValue();
    }

    Double number(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw VJVectorException.format(prefix + "." + name, "must be a number");
        }
        return v.doubleValue();
    }

    Boolean bool(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw VJVectorException.format(prefix + "." + name, "must be a boolean");
        }
        return v.booleanValue();
    }

    /** A JSON object, copied (the request's tree is not kept). */
    ObjectNode object(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw VJVectorException.format(prefix + "." + name, "must be an object");
        }
        return ((ObjectNode) v).deepCopy();
    }

    String text(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw VJVectorException.format(prefix + "." + name, "must be a string");
        }
        return v.textValue();
    }
}
