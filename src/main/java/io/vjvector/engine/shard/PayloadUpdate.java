package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A change to the payload of selected points (Qdrant's set / overwrite / delete keys / clear
 * payload). {@link #apply} never mutates its argument: payloads are published immutably, so a
 * change always builds a new object.
 */
public sealed interface PayloadUpdate {

    /** The payload after the change. */
    ObjectNode apply(ObjectNode current);

    /**
     * Merges {@code values} into the payload (top-level keys replaced), or into the object at
     * {@code key} (a dotted path, objects created as needed) when {@code key} is non-null.
     */
    record Set(ObjectNode values, String key) implements PayloadUpdate {
        @Override
        public ObjectNode apply(ObjectNode current) {
            ObjectNode result = current.deepCopy();
            ObjectNode target = key == null ? result : objectAt(result, key);
            target.setAll(values.deepCopy());
            return result;
        }

        private static ObjectNode objectAt(ObjectNode root, String path) {
            ObjectNode node = root;
            for (String part : path.split("\\.")) {
                JsonNode child = node.get(part);
                node = child instanceof ObjectNode obj ? obj : node.putObject(part);
            }
            return node;
        }
    }

    /** Replaces the whole payload. */
    record Overwrite(ObjectNode values) implements PayloadUpdate {
        @Override
        public ObjectNode apply(ObjectNode current) {
            return values.deepCopy();
        }
    }

    /** Removes top-level keys. */
    record DeleteKeys(List<String> keys) implements PayloadUpdate {
        @Override
        public ObjectNode apply(ObjectNode current) {
            ObjectNode result = current.deepCopy();
            result.remove(keys);
            return result;
        }
    }

    /** Removes every key. */
    record Clear() implements PayloadUpdate {
        @Override
        public ObjectNode apply(ObjectNode current) {
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
