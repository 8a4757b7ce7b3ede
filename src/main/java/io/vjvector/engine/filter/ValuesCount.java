package io.vjvector.engine.filter;

/**
 * {@code "values_count": {"gt", "gte", "lt", "lte"}}: bounds (null = absent) on how many values a
 * point has at the key, where an array counts its elements, a JSON null counts nothing, any other
 * value counts one, and a missing key counts zero.
 */
public record ValuesCount(Long gt, Long gte, Long lt, Long lte) {

    public boolean contains(long count) {
        return (gt == null || count > gt)
                && (gte == null || count >= gte)
                && (lt == null || count < lt)
                && (lte == null || count <= lte);
    }
}
