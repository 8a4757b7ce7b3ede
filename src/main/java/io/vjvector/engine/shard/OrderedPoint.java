package io.vjvector.engine.shard;

import java.util.Comparator;

/**
 * A point read in payload-value order at one of its values: that value on the field's axis
 * ({@code key}; see {@link io.vjvector.engine.filter.OrderValues}) and as reported back
 * ({@code orderValue}). A point with several values is read once per value.
 */
public record OrderedPoint(StoredPoint point, double key, Number orderValue) {

    /**
     * Qdrant's order: by (value, id) ascending, or both descending for {@code desc}, so equal
     * values come in id order in the scroll's direction and every page is deterministic.
     */
    public static Comparator<OrderedPoint> order(OrderBy order) {
        Comparator<OrderedPoint> ascending = Comparator.comparingDouble(OrderedPoint::key)
                .thenComparing(p -> p.point().id());
        return order.descending() ? ascending.reversed() : ascending;
    }
}
