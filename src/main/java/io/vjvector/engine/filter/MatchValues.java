package io.vjvector.engine.filter;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The list of an {@code any} / {@code except} match: all strings or all integers. An empty list
 * counts as strings, as in Qdrant (whose untagged parse tries strings first). Immutable; lookups
 * do not allocate.
 */
public final class MatchValues {

    private final Set<String> keywords;
    private final long[] integers;

    private MatchValues(Set<String> keywords, long[] integers) {
        this.keywords = keywords;
        this.integers = integers;
    }

    public static MatchValues keywords(Collection<String> values) {
        return new MatchValues(Set.copyOf(values), null);
    }

    public static MatchValues integers(long... values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new MatchValues(null, sorted);
    }

    /** Whether the list holds strings (true also for an empty list). */
    public boolean isKeywords() {
        return keywords != null;
    }

    public boolean containsKeyword(String value) {
        return keywords != null && keywords.contains(value);
    }

    public boolean containsInteger(long value) {
        return integers != null && Arrays.binarySearch(integers, value) >= 0;
    }

    /** The strings (empty for an integer list). */
    public Set<String> keywordSet() {
        return keywords == null ? Set.of() : keywords;
    }

    /** The integers, sorted (empty for a string list). */
    public long[] integerArray() {
        return integers == null ? new long[0] : integers.clone();
    }

    public int size() {
        return keywords != null ? keywords.size() : integers.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchValues other
                && (keywords == null ? other.keywords == null : keywords.equals(other.keywords))
                && Arrays.equals(integers, other.integers);
    }

    @Override
    public int hashCode() {
        return keywords != null ? keywords.hashCode() : Arrays.hashCode(integers);
    }

    @Override
    public String toString() {
        return keywords != null ? List.copyOf(keywords).toString() : Arrays.toString(integers);
    }
}
