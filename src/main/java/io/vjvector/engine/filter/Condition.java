package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** One condition of a filter clause. Immutable. */
public sealed interface Condition {

    /** Whether the point with this id and payload (an object) satisfies the condition. */
    boolean test(PointId id, JsonNode payload);

    /** Whether {@code value}, or an element of it if it is an array (one level deep), passes {@code test}. */
    private static boolean anyElement(JsonNode value, Predicate<JsonNode> test) {
        if (value.isArray()) {
            for (int i = 0, n = value.size(); i < n; i++) {
                if (test.test(value.get(i))) {
                    return true;
                }
            }
            return false;
        }
        return test.test(value);
    }

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
            return anyElement(value, this::matchesElement);
        }

        private boolean matchesElement(JsonNode value) {
            return (match != null && match.test(value)) || (range != null && range.test(value));
        }
    }

    /**
     * A field condition on a {@link ValueTest} ({@link DatetimeRange}, {@link GeoShape}):
     * true when some value at {@code key}, or some element of an array there, passes {@code test}.
     */
    record Values(JsonPath key, ValueTest test) implements Condition, JsonPath.ValueVisitor {

        public Values {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(test, "test");
        }

        @Override
        public boolean test(PointId id, JsonNode payload) {
            return key.anyValue(payload, this);
        }

        @Override
        public boolean visit(JsonNode value) {
            return anyElement(value, test::test);
        }
    }

    /** {@code {"key": ..., "values_count": {...}}}: the number of values at the key is within bounds. */
    record Count(JsonPath key, ValuesCount bounds) implements Condition {

        public Count {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(bounds, "bounds");
        }

        @Override
        public boolean test(PointId id, JsonNode payload) {
            long[] count = {0};
            key.anyValue(payload, value -> {
                count[0] += value.isArray() ? value.size() : value.isNull() ? 0 : 1;
                return false;
            });
            return bounds.contains(count[0]);
        }
    }

    /**
     * {@code {"nested": {"key": "diet", "filter": {...}}}}: true when some object in the array at
     * {@code key} (or the object there) satisfies the whole filter by itself, its keys read relative
     * to that object. Unlike {@code diet[].food} conditions, the conditions of the filter must all
     * hold for the same element.
     */
    record Nested(JsonPath key, Filter filter) implements Condition {

        public Nested {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(filter, "filter");
        }

        @Override
        public boolean test(PointId id, JsonNode payload) {
            return key.anyValue(payload, value -> {
                if (value.isObject()) {
                    return filter.testPayload(id, value);
                }
                if (value.isArray()) {
                    for (int i = 0, n = value.size(); i < n; i++) {
                        JsonNode element = value.get(i);
                        if (element.isObject() && filter.testPayload(id, element)) {
                            return true;
                        }
                    }
                }
                return false;
            });
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

    /**
     * {@code {"has_vector": "name"}}: true when the point has a value for the vector field
     * {@code name}. Which points have which vectors only the shard knows, so a parsed condition
     * carries no answer ({@code present} null) and a shard binds it ({@link #bind}) before testing
     * points; an unbound one refuses to be tested rather than guess.
     */
    record HasVector(String name, Predicate<PointId> present) implements Condition {

        public HasVector {
            Objects.requireNonNull(name, "name");
        }

        /** The condition answered by {@code present}. */
        public HasVector bind(Predicate<PointId> answer) {
            return new HasVector(name, answer);
        }

        @Override
        public boolean test(PointId id, JsonNode payload) {
            if (present == null) {
                throw new IllegalStateException("has_vector \"" + name + "\" was not bound to a shard's vectors");
            }
            return id != null && present.test(id);
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
