package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The distinct values a payload holds at a path, as facets and groups count them: the values the
 * path reaches, arrays looked into one level (as conditions and indexes do), each distinct value
 * once per point.
 */
public final class FacetValues {

    /** Keywords before integers before booleans; within a kind, natural order. */
    static final Comparator<Object> VALUE_ORDER = Comparator.comparingInt(FacetValues::kindRank)
            .thenComparing((a, b) -> compareSameKind(a, b));

    private FacetValues() {
    }

    /** Whether a field indexed as {@code type} can be faceted (Qdrant: the map-like indexes). */
    public static boolean facetable(PayloadSchemaType type) {
        return type == PayloadSchemaType.KEYWORD || type == PayloadSchemaType.INTEGER || type == PayloadSchemaType.BOOL;
    }

    /**
     * The distinct values of {@code payload} at {@code path} that an index of {@code type} holds:
     * strings for keyword, 64-bit integers for integer, booleans for bool.
     */
    public static Set<Object> distinct(JsonPath path, PayloadSchemaType type, JsonNode payload) {
        return distinct(path, payload, switch (type) {
            case KEYWORD -> v -> v.isTextual() ? v.textValue() : null;
            case INTEGER -> v -> Match.isLong(v) ? v.longValue() : null;
            case BOOL -> v -> v.isBoolean() ? v.booleanValue() : null;
            default -> throw new IllegalArgumentException("a " + type.qdrantName() + " field has no facet values");
        });
    }

    /**
     * The distinct group ids of {@code payload} at {@code path}: strings and integers. As in
     * Qdrant, a point with any other value there (a float, a boolean, an object, null), even
     * beside valid ones in an array, is in no group: the set is then empty.
     */
    public static Set<Object> groupIds(JsonPath path, JsonNode payload) {
        boolean[] invalid = {false};
        Set<Object> ids = distinct(path, payload, v -> {
            Object id = v.isTextual() ? v.textValue() : Match.isLong(v) ? (Object) v.longValue() : null;
            invalid[0] |= id == null;
            return id;
        });
        return invalid[0] ? Set.of() : ids;
    }

    private static Set<Object> distinct(JsonPath path, JsonNode payload, Function<JsonNode, Object> read) {
        Set<Object> out = new LinkedHashSet<>();
        if (payload == null) {
            return out;
        }
        path.anyValue(payload, value -> {
            if (value.isArray()) {
                for (JsonNode element : value) {
                    add(out, read.apply(element));
                }
            } else {
                add(out, read.apply(value));
            }
            return false;
        });
        return out;
    }

    private static void add(Set<Object> out, Object value) {
        if (value != null) {
            out.add(value);
        }
    }

    private static int kindRank(Object value) {
        if (value instanceof String) {
            return 0;
        }
        return value instanceof Long ? 1 : 2;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareSameKind(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }
}
