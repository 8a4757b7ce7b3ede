package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;

/** Whether an optional JSON member was given: absent and explicit {@code null} both mean "not given". */
final class JsonValues {

    private JsonValues() {
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }
}
