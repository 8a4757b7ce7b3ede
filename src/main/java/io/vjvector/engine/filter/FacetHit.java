package io.vjvector.engine.filter;

import java.util.Comparator;

/**
 * One value of a payload field and the number of points holding it. {@code value} is a
 * {@link String} (keyword), {@link Long} (integer) or {@link Boolean} (bool).
 */
public record FacetHit(Object value, long count) {

    /**
     * Qdrant's facet order: larger counts first; equal counts by value ascending, keywords before
     * integers before booleans (the order of Qdrant's value kinds), so the answer is the same
     * whichever shard answered first.
     */
    public static final Comparator<FacetHit> ORDER = Comparator.comparingLong(FacetHit::count).reversed()
            .thenComparing(FacetHit::value, FacetValues.VALUE_ORDER);
}
