package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads {@code {"key": ..., "match": {...}, "range": {...}}}. Match values are typed as Qdrant
 * types them: a string, a signed 64-bit integer or a boolean ({@code 1.5}, {@code null} and
 * objects are rejected); {@code any}/{@code except} lists hold only strings or only integers.
 */
final class FieldConditionParser {

    private static final String MATCH_KINDS = "value, any, except, text, text_any or phrase";
    private static final String PARTS =
            "match, range, geo_radius, geo_bounding_box, geo_polygon, values_count, is_empty or is_null";

    /**
     * A field condition. Qdrant ORs the parts of one field condition, so one with several parts
     * becomes a {@code should} of conditions; match and range stay together in one
     * {@link Condition.Field}, which payload indexes answer.
     */
    Condition field(JsonNode node, String path) {
        JsonPath key = null;
        Match match = null;
        Range range = null;
        List<ValueTest> tests = new ArrayList<>();
        ValuesCount count = null;
        Boolean isEmpty = null;
        Boolean isNull = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            String at = path + "." + name;
            JsonNode value = field.getValue();
            if (value.isNull() && !name.equals("key")) {
                continue;
            }
            switch (name) {
                case "key" -> key = FilterParser.payloadPath(value, at);
                case "match" -> match = match(value, at);
                case "range" -> {
                    if (isDatetimeRange(value)) {
                        tests.add(datetimeRange(value, at));
                    } else {
                        range = range(value, at);
                    }
                }
                case "geo_radius" -> tests.add(GeoParser.radius(value, at));
                case "geo_bounding_box" -> tests.add(GeoParser.boundingBox(value, at));
                case "geo_polygon" -> tests.add(GeoParser.polygon(value, at));
                case "values_count" -> count = valuesCount(value, at);
                case "is_empty" -> isEmpty = flag(value, at);
                case "is_null" -> isNull = flag(value, at);
                default -> throw new FilterException(at, "unknown field; a field condition has key with " + PARTS);
            }
        }
        if (match == null && range == null && tests.isEmpty() && count == null && isEmpty == null && isNull == null) {
            throw new FilterException(path, "a field condition needs one of " + PARTS);
        }
        List<Condition> parts = new ArrayList<>();
        if (match != null || range != null) {
            parts.add(new Condition.Field(key, match, range));
        }
        for (ValueTest test : tests) {
            parts.add(new Condition.Values(key, test));
        }
        if (count != null) {
            parts.add(new Condition.Count(key, count));
        }
        if (isEmpty != null) {
            parts.add(holdsIf(new Condition.IsEmpty(key), isEmpty));
        }
        if (isNull != null) {
            parts.add(holdsIf(new Condition.IsNull(key), isNull));
        }
        return parts.size() == 1 ? parts.get(0)
                : new Condition.Sub(Filter.of(List.of(), parts, List.of(), null));
    }

    /**
     * {@code "is_empty": true} is Qdrant's other spelling of {@code {"is_empty": {"key": ...}}};
     * {@code false} asks for the opposite (the field is not empty / not null).
     */
    private static Condition holdsIf(Condition condition, boolean wanted) {
        return wanted ? condition : new Condition.Sub(Filter.of(List.of(), List.of(), List.of(condition), null));
    }

    private static boolean flag(JsonNode value, String path) {
        if (!value.isBoolean()) {
            throw new FilterException(path, "expected true or false");
        }
        return value.booleanValue();
    }

    private Match match(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new FilterException(path, "expected an object with one of " + MATCH_KINDS);
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            switch (name) {
                case "value", "any", "except", "text", "text_any", "phrase" -> {
                }
                default -> throw new FilterException(path + "." + name, "unknown match kind; expected " + MATCH_KINDS);
            }
        }
        if (node.size() != 1) {
            throw new FilterException(path, "expected exactly one of " + MATCH_KINDS);
        }
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        String at = path + "." + only.getKey();
        JsonNode value = only.getValue();
        return switch (only.getKey()) {
            case "value" -> value(value, at);
            case "any" -> new Match.Any(values(value, at));
            case "except" -> new Match.Except(values(value, at));
            default -> {
                if (!value.isTextual()) {
                    throw new FilterException(at, "expected a string");
                }
                yield switch (only.getKey()) {
                    case "text" -> new Match.Text(value.textValue());
                    case "text_any" -> new Match.TextAny(value.textValue());
                    default -> new Match.Phrase(value.textValue());
                };
            }
        };
    }

    private static Match value(JsonNode value, String path) {
        if (value.isTextual()) {
            return new Match.Keyword(value.textValue());
        }
        if (value.isBoolean()) {
            return new Match.Bool(value.booleanValue());
        }
        if (Match.isLong(value)) {
            return new Match.Integral(value.longValue());
        }
        throw new FilterException(path, "expected a string, a 64-bit integer or a boolean");
    }

    private static MatchValues values(JsonNode array, String path) {
        if (!array.isArray()) {
            throw new FilterException(path, "expected an array of strings or an array of integers");
        }
        if (array.isEmpty() || array.get(0).isTextual()) {
            List<String> keywords = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                JsonNode v = array.get(i);
                if (!v.isTextual()) {
                    throw new FilterException(path + "[" + i + "]", "expected a string, as the list starts with one");
                }
                keywords.add(v.textValue());
            }
            return MatchValues.keywords(keywords);
        }
        long[] integers = new long[array.size()];
        for (int i = 0; i < array.size(); i++) {
            JsonNode v = array.get(i);
            if (!Match.isLong(v)) {
                throw new FilterException(path + "[" + i + "]", i == 0
                        ? "expected a string or a 64-bit integer"
                        : "expected a 64-bit integer, as the list starts with one");
            }
            integers[i] = v.longValue();
        }
        return MatchValues.integers(integers);
    }

    private static Range range(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new FilterException(path, "expected an object with gt, gte, lt and/or lte");
        }
        List<Double> b = bounds(node, path, FieldConditionParser::bound);
        return new Range(b.get(0), b.get(1), b.get(2), b.get(3));
    }

    /** {@code gt, gte, lt, lte} of {@code node} in that order, each read by {@code read} (JSON null: absent). */
    private static <T> List<T> bounds(JsonNode node, String path, BiFunction<JsonNode, String, T> read) {
        List<T> bounds = Arrays.asList(null, null, null, null);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String at = path + "." + field.getKey();
            int slot = boundSlot(field.getKey(), at);
            bounds.set(slot, field.getValue().isNull() ? null : read.apply(field.getValue(), at));
        }
        return bounds;
    }

    private static Double bound(JsonNode value, String path) {
        if (!value.isNumber()) {
            throw new FilterException(path, value.isTextual()
                    ? "expected a number, as the other bounds are numbers (a datetime range has only datetime strings)"
                    : "expected a number");
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw new FilterException(path, "number out of range");
        }
        // -0.0 and 0.0 compare equal; normalising keeps ordered index look-ups consistent with that.
        return d + 0.0;
    }

    /** Qdrant tells the two kinds of range apart by their bounds: datetime strings or numbers. */
    private static boolean isDatetimeRange(JsonNode node) {
        if (!node.isObject()) {
            return false;
        }
        for (JsonNode bound : node) {
            if (!bound.isNull()) {
                return bound.isTextual();
            }
        }
        return false;
    }

    private static DatetimeRange datetimeRange(JsonNode node, String path) {
        List<Long> b = bounds(node, path, FieldConditionParser::datetimeBound);
        return new DatetimeRange(b.get(0), b.get(1), b.get(2), b.get(3));
    }

    private static Long datetimeBound(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw new FilterException(path, "expected a datetime string, as the other bounds are datetimes");
        }
        long micros = Datetimes.parseMicros(value.textValue());
        if (micros == Long.MIN_VALUE) {
            throw new FilterException(path, "not a datetime; expected " + Datetimes.FORMATS);
        }
        return micros;
    }

    private static ValuesCount valuesCount(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new FilterException(path, "expected an object with gt, gte, lt and/or lte");
        }
        List<Long> b = bounds(node, path, FieldConditionParser::countBound);
        return new ValuesCount(b.get(0), b.get(1), b.get(2), b.get(3));
    }

    private static Long countBound(JsonNode value, String path) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new FilterException(path, "expected a non-negative integer");
        }
        return value.longValue();
    }

    private static int boundSlot(String name, String path) {
        return switch (name) {
            case "gt" -> 0;
            case "gte" -> 1;
            case "lt" -> 2;
            case "lte" -> 3;
            default -> throw new FilterException(path, "unknown field; expected gt, gte, lt or lte");
        };
    }
}
