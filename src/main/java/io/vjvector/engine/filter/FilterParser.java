package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.payload.JsonPathException;
import io.vjvector.engine.point.PointId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Qdrant's filter JSON into the model, checking every node it touches so that bad input
 * becomes a {@link FilterException} naming the JSON path (rooted at {@code filter}) and the rule.
 * Which kind of condition an object is follows Qdrant's order: {@code key} → field condition,
 * {@code is_empty}, {@code is_null}, {@code has_id}, otherwise a nested filter.
 */
final class FilterParser {

    private static final String CLAUSES = "must, should, must_not or min_should";

    private static final BigInteger MAX_UNSIGNED_LONG = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final int maxDepth;
    private final FieldConditionParser fields = new FieldConditionParser();
    /** How many nested conditions enclose the node being read (has_id is refused inside one). */
    private int insideNested;

    FilterParser(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    Filter filter(JsonNode node, String path, int depth) {
        if (depth > maxDepth) {
            throw new FilterException(path, "filters may be nested at most " + maxDepth + " deep");
        }
        if (!node.isObject()) {
            throw new FilterException(path, "expected a filter object with " + CLAUSES);
        }
        List<Condition> must = List.of();
        List<Condition> should = List.of();
        List<Condition> mustNot = List.of();
        MinShould minShould = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            String at = path + "." + name;
            JsonNode value = field.getValue();
            switch (name) {
                case "must" -> must = clause(value, at, depth);
                case "should" -> should = clause(value, at, depth);
                case "must_not" -> mustNot = clause(value, at, depth);
                case "min_should" -> minShould = minShould(value, at, depth);
                default -> throw new FilterException(at, depth == 1
                        ? "unknown field; a filter has " + CLAUSES
                        : "unknown field; a condition is a field condition (key with match, range, geo or "
                                + "values_count), is_empty, is_null, has_id, nested, or a filter with " + CLAUSES);
            }
        }
        return Filter.of(must, should, mustNot, minShould);
    }

    /** A clause: absent (null), one condition object, or an array of conditions (Qdrant accepts all three). */
    private List<Condition> clause(JsonNode value, String path, int depth) {
        if (value.isNull()) {
            return List.of();
        }
        if (value.isObject()) {
            return List.of(condition(value, path, depth));
        }
        if (!value.isArray()) {
            throw new FilterException(path, "expected a condition or an array of conditions");
        }
        return conditions(value, path, depth);
    }

    private List<Condition> conditions(JsonNode array, String path, int depth) {
        List<Condition> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(condition(array.get(i), path + "[" + i + "]", depth));
        }
        return out;
    }

    private Condition condition(JsonNode node, String path, int depth) {
        if (!node.isObject()) {
            throw new FilterException(path, "expected a condition object");
        }
        if (node.has("key")) {
            return fields.field(node, path);
        }
        if (node.has("is_empty")) {
            return new Condition.IsEmpty(keyObject(node, "is_empty", path));
        }
        if (node.has("is_null")) {
            return new Condition.IsNull(keyObject(node, "is_null", path));
        }
        if (node.has("has_id")) {
            if (insideNested > 0) {
                throw new FilterException(path + ".has_id",
                        "not supported inside a nested filter; put it in a clause next to the nested condition");
            }
            return hasId(node, path);
        }
        if (node.has("nested")) {
            return nested(node, path, depth);
        }
        if (node.has("has_vector")) {
            return hasVector(node, path);
        }
        for (String unsupported : List.of("slice")) {
            if (node.has(unsupported)) {
                throw new FilterException(path + "." + unsupported, "\"" + unsupported + "\" conditions are not supported");
            }
        }
        return new Condition.Sub(filter(node, path, depth + 1));
    }

    /** {@code {"nested": {"key": "diet", "filter": {...}}}}: the filter's keys are relative to each element. */
    private Condition nested(JsonNode node, String path, int depth) {
        onlyField(node, "nested", path);
        String at = path + ".nested";
        JsonNode inner = node.get("nested");
        if (!inner.isObject()) {
            throw new FilterException(at, "expected {\"key\": \"<path to an array of objects>\", \"filter\": {...}}");
        }
        for (Map.Entry<String, JsonNode> field : inner.properties()) {
            if (!field.getKey().equals("key") && !field.getKey().equals("filter")) {
                throw new FilterException(at + "." + field.getKey(), "unknown field; expected key and filter");
            }
        }
        if (!inner.has("key")) {
            throw new FilterException(at + ".key", "required: the payload path of an array of objects");
        }
        JsonPath key = payloadPath(inner.get("key"), at + ".key");
        JsonNode filter = inner.get("filter");
        if (filter == null || filter.isNull()) {
            throw new FilterException(at + ".filter", "required: the filter each element is tested with");
        }
        insideNested++;
        try {
            return new Condition.Nested(key, filter(filter, at + ".filter", depth + 1));
        } finally {
            insideNested--;
        }
    }

    /** {@code {"has_vector": "name"}} ({@code ""} is the unnamed vector); a shard binds it to its vectors. */
    private static Condition hasVector(JsonNode node, String path) {
        onlyField(node, "has_vector", path);
        JsonNode name = node.get("has_vector");
        if (!name.isTextual()) {
            throw new FilterException(path + ".has_vector", "expected a vector name (a string; \"\" is the unnamed vector)");
        }
        return new Condition.HasVector(name.textValue(), null);
    }

    /** {@code {"is_empty": {"key": "a.b"}}} and {@code is_null} alike. */
    private JsonPath keyObject(JsonNode node, String kind, String path) {
        onlyField(node, kind, path);
        String at = path + "." + kind;
        JsonNode inner = node.get(kind);
        if (!inner.isObject()) {
            throw new FilterException(at, "expected {\"key\": \"<payload path>\"}");
        }
        for (Map.Entry<String, JsonNode> field : inner.properties()) {
            if (!field.getKey().equals("key")) {
                throw new FilterException(at + "." + field.getKey(), "unknown field; expected only \"key\"");
            }
        }
        if (!inner.has("key")) {
            throw new FilterException(at + ".key", "required: the payload path to test");
        }
        return payloadPath(inner.get("key"), at + ".key");
    }

    private Condition hasId(JsonNode node, String path) {
        onlyField(node, "has_id", path);
        String at = path + ".has_id";
        JsonNode ids = node.get("has_id");
        if (!ids.isArray()) {
            throw new FilterException(at, "expected an array of point ids");
        }
        Set<PointId> out = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            out.add(pointId(ids.get(i), at + "[" + i + "]"));
        }
        return new Condition.HasId(out);
    }

    private MinShould minShould(JsonNode node, String path, int depth) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new FilterException(path, "expected {\"conditions\": [...], \"min_count\": <n>}");
        }
        List<Condition> conditions = null;
        Integer minCount = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String at = path + "." + field.getKey();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "conditions" -> {
                    if (!value.isArray()) {
                        throw new FilterException(at, "expected an array of conditions");
                    }
                    conditions = conditions(value, at, depth);
                }
                case "min_count" -> minCount = count(value, at);
                default -> throw new FilterException(at, "unknown field; expected conditions and min_count");
            }
        }
        if (conditions == null) {
            throw new FilterException(path + ".conditions", "required: an array of conditions");
        }
        if (minCount == null) {
            throw new FilterException(path + ".min_count", "required: a non-negative integer");
        }
        return new MinShould(conditions, minCount);
    }

    private static int count(JsonNode value, String path) {
        if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0) {
            throw new FilterException(path, "expected a non-negative integer");
        }
        // Counts beyond int range cannot be reached by any real filter; clamp rather than reject.
        return value.canConvertToInt() ? value.intValue() : Integer.MAX_VALUE;
    }

    private static void onlyField(JsonNode node, String kind, String path) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getKey().equals(kind)) {
                throw new FilterException(path + "." + field.getKey(), "unexpected next to \"" + kind + "\"");
            }
        }
    }

    /** A payload path given as a JSON string. */
    static JsonPath payloadPath(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw new FilterException(path, "expected a payload path string such as \"a.b[].c\"");
        }
        try {
            return JsonPath.parse(value.textValue());
        } catch (JsonPathException e) {
            throw new FilterException(path, "invalid payload path: " + e.reason());
        }
    }

    /** A point id: an unsigned 64-bit integer or a UUID string. */
    static PointId pointId(JsonNode value, String path) {
        if (value.isIntegralNumber()) {
            BigInteger n = value.bigIntegerValue();
            if (n.signum() >= 0 && n.compareTo(MAX_UNSIGNED_LONG) <= 0) {
                return PointId.of(n.longValue());
            }
        } else if (value.isTextual()) {
            PointId uuid = Uuids.parse(value.textValue());
            if (uuid != null) {
                return uuid;
            }
        }
        throw new FilterException(path, "expected a point id: an unsigned integer or a UUID string");
    }
}
