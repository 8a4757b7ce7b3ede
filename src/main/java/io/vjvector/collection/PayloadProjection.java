package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.payload.JsonPathException;
import io.vjvector.engine.payload.PayloadSelector;
import io.vjvector.error.VJVectorException;

/**
 * Qdrant's {@code with_payload} applied to stored payloads. Always hands out copies (or null when
 * the payload is not wanted): stored payloads are shared and must stay untouched.
 */
final class PayloadProjection {

    private static final PayloadProjection NONE = new PayloadProjection(null);

    private final PayloadSelector selector;

    private PayloadProjection(PayloadSelector selector) {
        this.selector = selector;
    }

    /** @throws VJVectorException BAD_REQUEST naming {@code with_payload} for an invalid path */
    static PayloadProjection of(WithPayload withPayload) {
        if (withPayload == null || !withPayload.enabled()) {
            return NONE;
        }
        if (withPayload.include() == null && withPayload.exclude() == null) {
            return new PayloadProjection(PayloadSelector.ALL);
        }
        try {
            return new PayloadProjection(PayloadSelector.of(withPayload.include(), withPayload.exclude()));
        } catch (JsonPathException e) {
            throw VJVectorException.badRequest("with_payload", e.getMessage());
        }
    }

    boolean wanted() {
        return selector != null;
    }

    ObjectNode apply(ObjectNode stored) {
        return selector == null || stored == null ? null : selector.apply(stored);
    }
}
