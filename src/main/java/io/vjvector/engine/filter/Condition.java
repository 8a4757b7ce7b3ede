package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import java.util.Objects;
import java.util.Set;

/** One condition of a filter clause. Immutable. */
public sealed interface Condition {

    /** Whether the point with this id and payload (an object) satisfies the condition. */
    boolean test(PointId id, JsonNode payload);

    /**
     * {@code {"key": ..., "match": ..., "range": ...}}: true when some value at {@code key}
     * satisfies {@code match} or {@code range} (Qdrant ORs the two when both are given; at least
     * one is non-null). A value that is an array is looked into one level deep, so {@code tags}
     * matches {@code "a"} when it holds {@code ["a", "b"]}. No value at the key (missing key)
     * never matches, not even {@code except}.
     */
    record Field(JsonPath key, Match match, Range range) implements Condition, JsonPath.ValueVisitor {

        public Field {
            Objects.requireNonNull(key, "key");
            if (match == null && range == null) {
                throw new IllegalArgumentException("a field condition needs a match or a range");
            }
        }

        @Override
        public boolean test(PointId id, JsonNode payload) {
            return key.anyValue(payload, this);
        }

        /** Tests one value found at the key (the path walk calls this; arrays are looked into). */
        @Override
        public boolean visit(JsonNode value) {
            if (value.isArray()) {
                for (int i = 0, n = value.size(); i < n; i++) {
                    if (matchesElement(value.get(i))) {
                        return true;
                    }
                }
                return false;
            }
            return matchesElement(value);
        }

        private boolean matchesElement(JsonNode value) {
            return (match != null && match.test(value)) || (range != null && range.test(value));
        }
    }

    /**
     * {@code {"is_empty": {"key": ...}}}: true when every value at the key is null or an empty
     * array — so also when the key is missing. {@code [null]} is not empty.
     */
    record IsEmpty(JsonPath key) implements Condition {

        private static final JsonPath.ValueVisitor NON_EMPTY =
                v -> !(v.isNull() || (v.isArray() && v.isEmpty()));

        public IsEmpty {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public boolean test(PointId id, JsonNode payload) {
            return !key.anyValue(payload, NON_EMPTY);
        }
    }

    /**
     * {@code {"is_null": {"key": ...}}}: true when some value at the key is an explicit JSON
     * null. A missing key, {@code []} and {@code [null]} are not null.
     */
    record IsNull(JsonPath key) implements Condition {

        private static final JsonPath.ValueVisitor NULL = JsonNode::isNull;

        public IsNull {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public boolean test(PointId id, JsonNode payload) {
            return key.anyValue(payload, NULL);
        }
    }

    /** {@code {"has_id": [...]}}: true when the point's id is listed (an empty list matches nothing). */
    record HasId(Set<PointId> ids) implements Condition {

        public HasId {
            ids = Set.copyOf(ids);
        }

        @Override
        public boolean test(PointId id, JsonNode payload) {
            return id != null && ids.contains(id);
        }
    }

    /** A filter used as a condition (Qdrant's recursive nesting of clauses). */
    record Sub(Filter filter) implements Condition {

        public Sub {
            Objects.requireNonNull(filter, "filter");
        }

        @Override
        public boolean test(PointId id, JsonNode payload) {
            return filter.testPayload(id, payload);
        }
    }
}
