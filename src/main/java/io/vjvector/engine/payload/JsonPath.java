package io.vjvector.engine.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * A parsed payload path in Qdrant's syntax: a first key, then any of {@code .key},
 * {@code ."quoted key"}, {@code [n]} (one array element) and {@code []} (every array element),
 * e.g. {@code country.cities[].name} or {@code a."b.c"[0]}. Unquoted keys are letters, digits,
 * {@code _} and {@code -}; anything else must be quoted (quoted keys cannot contain {@code "} or
 * {@code \}). Arrays are only entered where the path says so: {@code a.b} finds nothing when
 * {@code a} is an array, exactly as in Qdrant.
 *
 * <p>Immutable; the segments are split once so that evaluation does no parsing or allocation.
 */
public final class JsonPath {

    /** What one segment of a path selects. */
    public enum Kind {
        /** A field of an object. */
        KEY,
        /** One element of an array. */
        INDEX,
        /** Every element of an array. */
        WILDCARD
    }

    /** Receives the values a path reaches; returns true to stop the walk. */
    @FunctionalInterface
    public interface ValueVisitor {
        boolean visit(JsonNode value);
    }

    private final Kind[] kinds;
    private final String[] keys;
    private final int[] indices;
    private final String text;

    private JsonPath(Kind[] kinds, String[] keys, int[] indices) {
        this.kinds = kinds;
        this.keys = keys;
        this.indices = indices;
        this.text = render();
    }

    /**
     * Parses a path.
     *
     * @throws JsonPathException if {@code text} is not a valid path (e.g. empty, {@code a..b}, {@code a[x]})
     */
    public static JsonPath parse(String text) {
        if (text == null) {
            throw new JsonPathException("null", "a path is required");
        }
        return new JsonPathParser(text).parse();
    }

    static JsonPath of(Kind[] kinds, String[] keys, int[] indices) {
        return new JsonPath(kinds, keys, indices);
    }

    /** Number of segments (at least 1; the first is always a key). */
    public int length() {
        return kinds.length;
    }

    /** What segment {@code segment} (0-based) selects. */
    public Kind kind(int segment) {
        return kinds[segment];
    }

    /** The key of a {@link Kind#KEY} segment (null for other kinds). */
    public String key(int segment) {
        return keys[segment];
    }

    /** The index of a {@link Kind#INDEX} segment (-1 for other kinds). */
    public int index(int segment) {
        return indices[segment];
    }

    /**
     * Visits every value the path reaches in {@code payload} (an object; anything else reaches
     * nothing), in document order, until the visitor returns true. Explicit JSON nulls are values;
     * missing keys, out-of-range indices and type mismatches reach nothing. Values that are arrays
     * are passed whole: whether a condition looks inside them is the caller's rule.
     *
     * @return whether the visitor stopped the walk
     */
    public boolean anyValue(JsonNode payload, ValueVisitor visitor) {
        return walk(payload, 0, visitor);
    }

    private boolean walk(JsonNode node, int from, ValueVisitor visitor) {
        JsonNode current = node;
        for (int i = from; i < kinds.length; i++) {
            switch (kinds[i]) {
                case KEY -> {
                    if (!current.isObject()) {
                        return false;
                    }
                    current = current.get(keys[i]);
                }
                case INDEX -> {
                    if (!current.isArray()) {
                        return false;
                    }
                    current = current.get(indices[i]);
                }
                case WILDCARD -> {
                    if (!current.isArray()) {
                        return false;
                    }
                    for (int e = 0, n = current.size(); e < n; e++) {
                        if (walk(current.get(e), i + 1, visitor)) {
                            return true;
                        }
                    }
                    return false;
                }
            }
            if (current == null) {
                return false;
            }
        }
        return visitor.visit(current);
    }

    /** Whether every segment of this path equals the corresponding segment of {@code other}. */
    public boolean isPrefixOf(JsonPath other) {
        return kinds.length <= other.kinds.length && sameSegments(other, kinds.length);
    }

    /** Whether segment {@code i} of this path equals segment {@code j} of {@code other}. */
    boolean sameSegment(int i, JsonPath other, int j) {
        return kinds[i] == other.kinds[j]
                && indices[i] == other.indices[j]
                && (keys[i] == null ? other.keys[j] == null : keys[i].equals(other.keys[j]));
    }

    private boolean sameSegments(JsonPath other, int count) {
        for (int i = 0; i < count; i++) {
            if (!sameSegment(i, other, i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a key can be written without quotes (non-empty letters, digits, {@code _}, {@code -}). */
    public static boolean isPlainKey(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); ) {
            int cp = key.codePointAt(i);
            if (!JsonPathParser.isPlainKeyChar(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private String render() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case KEY -> {
                    if (i > 0) {
                        out.append('.');
                    }
                    if (isPlainKey(keys[i])) {
                        out.append(keys[i]);
                    } else {
                        out.append('"').append(keys[i]).append('"');
                    }
                }
                case INDEX -> out.append('[').append(indices[i]).append(']');
                case WILDCARD -> out.append("[]");
            }
        }
        return out.toString();
    }

    /** The canonical text of the path (quotes only where needed), which {@link #parse} reads back. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPath other
                && Arrays.equals(kinds, other.kinds)
                && Arrays.equals(keys, other.keys)
                && Arrays.equals(indices, other.indices);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
