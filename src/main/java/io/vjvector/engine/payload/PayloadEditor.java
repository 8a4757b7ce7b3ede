package io.vjvector.engine.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The edits behind Qdrant's payload endpoints (set, overwrite, delete keys, clear). Every method
 * is a pure function: the arguments are never modified and the result shares no nodes with them,
 * so a caller can compute the new payload and then swap it in atomically.
 */
public final class PayloadEditor {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PayloadEditor() {
    }

    /**
     * {@code POST /points/payload}: merges the top-level keys of {@code values} into
     * {@code payload}, or into the object at {@code key} when it is non-null. As in Qdrant, a
     * {@code null} value removes that key instead of storing null. Along {@code key}, missing or
     * non-object steps are replaced by objects ({@code a.b} on {@code {"a": 10}} gives
     * {@code {"a": {"b": {...}}}}); {@code [n]} updates an existing element only; {@code []}
     * updates every element of an existing array and otherwise leaves an empty array.
     *
     * @param payload the current payload (null = none)
     */
    public static ObjectNode set(ObjectNode payload, ObjectNode values, JsonPath key) {
        ObjectNode result = copy(payload);
        if (key == null) {
            merge(result, values);
        } else {
            setField(result, key, 0, values);
        }
        return result;
    }

    /** {@code PUT /points/payload}: the new payload is exactly {@code values}. */
    public static ObjectNode overwrite(ObjectNode values) {
        return copy(values);
    }

    /**
     * {@code POST /points/payload/delete}: removes each path. A final {@code []} empties the
     * array; a final {@code [n]} removes nothing (Qdrant refuses to delete array elements by
     * index because it would not be idempotent).
     */
    public static ObjectNode delete(ObjectNode payload, List<JsonPath> keys) {
        ObjectNode result = copy(payload);
        for (JsonPath key : keys) {
            removeAt(result, key, 0);
        }
        return result;
    }

    /** {@code POST /points/payload/clear}: an empty payload. */
    public static ObjectNode clear() {
        return NODES.objectNode();
    }

    private static ObjectNode copy(ObjectNode payload) {
        return payload == null ? NODES.objectNode() : payload.deepCopy();
    }

    private static void setField(ObjectNode object, JsonPath path, int segment, ObjectNode values) {
        String name = path.key(segment);
        JsonNode existing = object.get(name);
        object.set(name, setValue(existing == null ? NullNode.getInstance() : existing, path, segment + 1, values));
    }

    /** Returns the node that replaces {@code dest} (mutated in place when its type already fits). */
    private static JsonNode setValue(JsonNode dest, JsonPath path, int segment, ObjectNode values) {
        if (segment == path.length()) {
            ObjectNode object = dest.isObject() ? (ObjectNode) dest : NODES.objectNode();
            merge(object, values);
            return object;
        }
        switch (path.kind(segment)) {
            case KEY -> {
                ObjectNode object = dest.isObject() ? (ObjectNode) dest : NODES.objectNode();
                setField(object, path, segment, values);
                return object;
            }
            case INDEX -> {
                ArrayNode array = dest.isArray() ? (ArrayNode) dest : NODES.arrayNode();
                int index = path.index(segment);
                if (index < array.size()) {
                    array.set(index, setValue(array.get(index), path, segment + 1, values));
                }
                return array;
            }
            default -> {
                if (!dest.isArray()) {
                    return NODES.arrayNode();
                }
                ArrayNode array = (ArrayNode) dest;
                for (int i = 0; i < array.size(); i++) {
                    array.set(i, setValue(array.get(i), path, segment + 1, values));
                }
                return array;
            }
        }
    }

    private static void merge(ObjectNode dest, ObjectNode values) {
        if (values == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : values.properties()) {
            if (field.getValue().isNull()) {
                dest.remove(field.getKey());
            } else {
                dest.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private static void removeAt(JsonNode node, JsonPath path, int segment) {
        boolean last = segment == path.length() - 1;
        switch (path.kind(segment)) {
            case KEY -> {
                if (!node.isObject()) {
                    return;
                }
                if (last) {
                    ((ObjectNode) node).remove(path.key(segment));
                } else {
                    JsonNode child = node.get(path.key(segment));
                    if (child != null) {
                        removeAt(child, path, segment + 1);
                    }
                }
            }
            case INDEX -> {
                JsonNode child = node.isArray() && !last ? node.get(path.index(segment)) : null;
                if (child != null) {
                    removeAt(child, path, segment + 1);
                }
            }
            case WILDCARD -> {
                if (!node.isArray()) {
                    return;
                }
                if (last) {
                    ((ArrayNode) node).removeAll();
                } else {
                    for (JsonNode element : node) {
                        removeAt(element, path, segment + 1);
                    }
                }
            }
        }
    }
}
