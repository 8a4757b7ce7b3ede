package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * One payload field index: the values found at {@link #path()} (arrays looked into one level, as
 * conditions do) mapped to the ordinals holding them. Values of other types than the index's are
 * not indexed, as in Qdrant. Not thread-safe: {@link PayloadIndexes} guards it.
 *
 * <p>Look-ups return a superset of the ordinals whose values satisfy the match or range, or null
 * when this index cannot answer that kind of condition (the planner then does not narrow by it).
 */
abstract sealed class FieldIndex permits KeywordIndex, IntegerIndex, FloatIndex, BoolIndex, DatetimeIndex,
        TextIndex, UuidIndex, GeoIndex {

    private final JsonPath path;
    private final PayloadSchemaType type;
    /** Ordinals with at least one indexed value (Qdrant's indexed points count). */
    private final OrdinalSet indexedPoints = new OrdinalSet();
    private PayloadFieldSchema schema;

    FieldIndex(JsonPath path, PayloadSchemaType type) {
        this.path = path;
        this.type = type;
    }

    static FieldIndex create(JsonPath path, PayloadFieldSchema schema) {
        FieldIndex index = switch (schema.type()) {
            case KEYWORD -> new KeywordIndex(path);
            case INTEGER -> new IntegerIndex(path);
            case FLOAT -> new FloatIndex(path);
            case BOOL -> new BoolIndex(path);
            case DATETIME -> new DatetimeIndex(path);
            case TEXT -> new TextIndex(path, new TextAnalyzer(schema.text()));
            case UUID -> new UuidIndex(path);
            case GEO -> new GeoIndex(path);
        };
        index.schema = schema;
        return index;
    }

    /** The definition the index was created with (set once by {@link #create}, before publication). */
    final PayloadFieldSchema schema() {
        return schema;
    }

    final JsonPath path() {
        return path;
    }

    final PayloadSchemaType type() {
        return type;
    }

    final long indexedPointCount() {
        return indexedPoints.size();
    }

    final void add(int ordinal, JsonNode payload) {
        boolean[] indexed = {false};
        forEachElement(payload, value -> indexed[0] |= addValue(value, ordinal));
        if (indexed[0]) {
            indexedPoints.add(ordinal);
        }
    }

    final void remove(int ordinal, JsonNode payload) {
        forEachElement(payload, value -> removeValue(value, ordinal));
        indexedPoints.remove(ordinal);
    }

    private void forEachElement(JsonNode payload, Consumer<JsonNode> action) {
        if (payload == null) {
            return;
        }
        path.anyValue(payload, value -> {
            if (value.isArray()) {
                value.forEach(action);
            } else {
                action.accept(value);
            }
            return false;
        });
    }

    /** Indexes one value if it has this index's type; returns whether it did. */
    abstract boolean addValue(JsonNode value, int ordinal);

    abstract void removeValue(JsonNode value, int ordinal);

    /** A superset of the ordinals with a value matching {@code match} (a new set), or null (the default). */
    BitSet candidates(Match match) {
        return null;
    }

    /** A superset of the ordinals with a value in {@code range} (a new set), or null (the default). */
    BitSet candidates(Range range) {
        return null;
    }

    /** An upper bound on the ordinals {@link #candidates(Match)} returns, or -1 when it returns null. */
    long estimate(Match match) {
        return -1;
    }

    /** An upper bound on the ordinals {@link #candidates(Range)} returns, or -1 when it returns null. */
    long estimate(Range range) {
        return -1;
    }

    /** A superset of the ordinals with a value passing {@code test} (a new set), or null (the default). */
    BitSet candidates(ValueTest test) {
        return null;
    }

    /** An upper bound on the ordinals {@link #candidates(ValueTest)} returns, or -1 when it returns null. */
    long estimate(ValueTest test) {
        return -1;
    }
}
