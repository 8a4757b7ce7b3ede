package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.payload.PayloadEditor;
import java.util.List;

/**
 * A change to the payload of selected points (Qdrant's set / overwrite / delete keys / clear
 * payload), as a value so it can later be logged and replayed. {@link #apply} never mutates its
 * argument: payloads are published immutably, so a change always builds a new object.
 */
public sealed interface PayloadUpdate {

    /** The payload after the change. */
    ObjectNode apply(ObjectNode current);

    /** Merges {@code values} into the payload, or into the object at {@code key} when non-null. */
    record Set(ObjectNode values, JsonPath key) implements PayloadUpdate {
        @Override
        public ObjectNode apply(ObjectNode current) {
            return PayloadEditor.set(current, values, key);
        }
    }

    /** Replaces the whole payload. */
    record Overwrite(ObjectNode values) implements PayloadUpdate {
        @Override
        public ObjectNode apply(ObjectNode current) {
            return PayloadEditor.overwrite(values);
        }
    }

    /** Removes the values at {@code keys}. */
    record DeleteKeys(List<JsonPath> keys) implements PayloadUpdate {
        @Override
        public ObjectNode apply(ObjectNode current) {
            return PayloadEditor.delete(current, keys);
        }
    }

    /** Removes every key. */
    record Clear() implements PayloadUpdate {
        @Override
        public ObjectNode apply(ObjectNode current) {
            return PayloadEditor.clear();
        }
    }
}
