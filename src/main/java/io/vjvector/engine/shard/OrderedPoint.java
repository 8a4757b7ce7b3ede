package io.vjvector.engine.shard;

import java.util.Comparator;

/**
 * A point read in payload-value order: the value it is ordered by ({@code key}, on the field's
 * axis; see {@link io.vjvector.engine.filter.OrderValues}) and as reported back ({@code orderValue}).
 */
public record OrderedPoint(StoredPoint point, double key, Number orderValue) {

    /** By value in {@code order}'s direction, equal values by id ascending (so every page is deterministic). */
    public static Comparator<OrderedPoint> order(OrderBy order) {
        Comparator<OrderedPoint> byValue = Comparator.comparingDouble(OrderedPoint::key);
        return (order.descending() ? byValue.reversed() : byValue).thenComparing(p -> p.point().id());
    }
}
