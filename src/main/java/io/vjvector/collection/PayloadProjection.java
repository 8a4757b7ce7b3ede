package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies Qdrant's {@code with_payload} selection to a stored payload. Always returns a copy (or
 * null when the payload is not wanted): stored payloads are shared and must stay untouched.
 */
final class PayloadProjection {

    private PayloadProjection() {
    }

    static ObjectNode apply(ObjectNode stored, WithPayload selection) {
        if (stored == null || selection == null || !selection.enabled()) {
            return null;
        }
        if (selection.include() != null) {
            ObjectNode out = stored.objectNode();
            for (String key : selection.include()) {
                if (stored.has(key)) {
                    out.set(key, stored.get(key).deepCopy());
                }
            }
            return out;
        }
        ObjectNode out = stored.deepCopy();
        if (selection.exclude() != null) {
            out.remove(selection.exclude());
        }
        return out;
    }
}
