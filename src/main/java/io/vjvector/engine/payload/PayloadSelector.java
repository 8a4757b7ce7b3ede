package io.vjvector.engine.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The payload projection of Qdrant's {@code with_payload}: a list of paths to include, or
 * {@code {"exclude": [...]}}. Parse it once per request, then {@link #apply} it to each point.
 *
 * <p>Semantics (as Qdrant's {@code PayloadSelector}): walking the payload, a value at path P is
 * <em>included</em> when P and some pattern agree on their common prefix — so ancestors of a
 * pattern are kept (pruned to the parts on the way to it) and everything below a pattern is kept
 * whole; a scalar met on the way to a longer pattern is kept as it is. A value is
 * <em>excluded</em> when some pattern is a prefix of P. Array elements are reached by {@code []}
 * only: {@code a[].b} selects into arrays of objects, while {@code a.b} and {@code a[0]} never
 * match array elements.
 */
public final class PayloadSelector {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Returns every payload unchanged. */
    public static final PayloadSelector ALL = new PayloadSelector(null, null);

    private final List<JsonPath> include;
    private final List<JsonPath> exclude;

    private PayloadSelector(List<JsonPath> include, List<JsonPath> exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    /**
     * A selector from {@code with_payload}'s lists; either may be null (not given). With both,
     * the include is applied first.
     *
     * @throws JsonPathException if a path is invalid
     */
    public static PayloadSelector of(List<String> include, List<String> exclude) {
        return new PayloadSelector(parseAll(include), parseAll(exclude));
    }

    public static PayloadSelector include(List<String> paths) {
        return of(paths, null);
    }

    public static PayloadSelector exclude(List<String> paths) {
        return of(null, paths);
    }

    private static List<JsonPath> parseAll(List<String> paths) {
        if (paths == null) {
            return null;
        }
        List<JsonPath> parsed = new ArrayList<>(paths.size());
        for (String p : paths) {
            parsed.add(JsonPath.parse(p));
        }
        return List.copyOf(parsed);
    }

    /** The projected payload, a new object (the argument is not modified; null = empty payload). */
    public ObjectNode apply(ObjectNode payload) {
        if (payload == null) {
            return NODES.objectNode();
        }
        JsonNode result = payload;
        if (include != null) {
            result = select(result, 0, include, true);
        }
        if (exclude != null) {
            result = select(result, 0, exclude, false);
        }
        return result == payload ? payload.deepCopy() : (ObjectNode) result;
    }

    /**
     * Copies a container, keeping each child per the patterns still aligned with its path.
     * {@code live} holds the patterns longer than {@code depth} whose first {@code depth}
     * segments equal the path to {@code node}.
     */
    private static JsonNode select(JsonNode node, int depth, List<JsonPath> live, boolean including) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode kept = child(field.getValue(), depth, live, including, field.getKey());
                if (kept != null) {
                    out.set(field.getKey(), kept);
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode element : node) {
                JsonNode kept = child(element, depth, live, including, null);
                if (kept != null) {
                    out.add(kept);
                }
            }
            return out;
        }
        return node.deepCopy();
    }

    /** The projection of one child ({@code key} null = an array element), or null to drop it. */
    private static JsonNode child(JsonNode value, int depth, List<JsonPath> live, boolean including, String key) {
        List<JsonPath> next = null;
        for (JsonPath pattern : live) {
            if (segmentMatches(pattern, depth, key)) {
                if (pattern.length() == depth + 1) {
                    // The pattern ends here: the whole subtree is in (include) or out (exclude).
                    return including ? value.deepCopy() : null;
                }
                if (next == null) {
                    next = new ArrayList<>(live.size());
                }
                next.add(pattern);
            }
        }
        if (next == null) {
            return including ? null : value.deepCopy();
        }
        return select(value, depth + 1, next, including);
    }

    private static boolean segmentMatches(JsonPath pattern, int depth, String key) {
        JsonPath.Kind kind = pattern.kind(depth);
        return key == null ? kind == JsonPath.Kind.WILDCARD : kind == JsonPath.Kind.KEY && key.equals(pattern.key(depth));
    }
}
