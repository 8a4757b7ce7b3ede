package io.vjvector.engine.shard;

import io.vjvector.engine.filter.FacetValues;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.OrderValues;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.payload.JsonPathException;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Reads of a shard that aggregate or order its points by payload values rather than by vector:
 * facet counts, value-ordered pages and reproducible samples. Each runs over one
 * {@link ShardState} taken by the caller, so it sees one consistent state even across a rebuild;
 * the {@link Shard} methods of the same names are the entry points.
 */
final class PayloadReads {

    private PayloadReads() {
    }

    /**
     * How many live points matching {@code filter} (null = all) hold each value of the payload
     * field {@code key}; a point holding a value several times (an array) counts once for it.
     * Only values of the field index's type count, as Qdrant facets read the index.
     *
     * @return value ({@link String}, {@link Long} or {@link Boolean}) → number of points
     * @throws VJVectorException BAD_REQUEST when {@code key} has no keyword, integer or bool index
     */
    static Map<Object, Long> facetCounts(ShardState s, String key, Filter filter) {
        JsonPath path = indexedPath(key);
        PayloadFieldSchema schema = path == null ? null : s.payloadIndexes.schema().get(path.toString());
        PayloadSchemaType type = schema == null ? null : schema.type();
        if (type == null || !FacetValues.facetable(type)) {
            throw VJVectorException.badRequest("key", "No appropriate index for faceting: `" + key
                    + "`. Please create one to facet on this field (keyword, integer or bool)");
        }
        Map<Object, Long> counts = new HashMap<>();
        s.matcher.forEach(filter, (ord, slot) -> {
            for (Object value : FacetValues.distinct(path, type, slot.payload())) {
                counts.merge(value, 1L, Long::sum);
            }
            return true;
        });
        return counts;
    }

    /**
     * Up to {@code limit} live points matching {@code filter} (null = all) in the order of their
     * values of the payload field {@code order.key()} (see {@link OrderedPoint#order}); points
     * without such a value are left out. A point with several values is placed once, at its first
     * value in the order from {@code order.startFrom()}.
     *
     * @throws VJVectorException BAD_REQUEST when the key has no integer, float or datetime index, or
     *                           {@code startFrom} does not fit the index's type
     */
    static List<OrderedPoint> scrollOrdered(ShardState s, Filter filter, OrderBy order, int limit, boolean withPayload,
                                            boolean withVector) {
        JsonPath path = indexedPath(order.key());
        PayloadFieldSchema schema = path == null ? null : s.payloadIndexes.schema().get(path.toString());
        PayloadSchemaType type = schema == null ? null : schema.type();
        if (type == null || !OrderValues.rangeCapable(type)) {
            throw VJVectorException.badRequest("order_by.key", "No range index for `order_by` key: `" + order.key()
                    + "`. Please create one to use `order_by` (integer, float or datetime)");
        }
        double start;
        try {
            start = order.startFrom() == null ? Double.NaN : OrderValues.startFrom(type, order.startFrom());
        } catch (IllegalArgumentException e) {
            throw VJVectorException.badRequest("order_by.start_from", e.getMessage());
        }
        if (limit <= 0) {
            return List.of();
        }
        Comparator<OrderedPoint> ordering = OrderedPoint.order(order);
        // The worst kept point on top, so each better point replaces it in O(log limit).
        PriorityQueue<OrderedPoint> best = new PriorityQueue<>(Math.min(limit, 1024) + 1, ordering.reversed());
        s.matcher.forEach(filter, (ord, slot) -> {
            // One entry per distinct value, as Qdrant reads the field's index: a point holding
            // several values appears once at each of them.
            Set<Double> values = new HashSet<>();
            OrderValues.forEach(path, type, slot.payload(), v -> {
                if (Double.isNaN(start) || (order.descending() ? v <= start : v >= start)) {
                    values.add(v);
                }
            });
            for (double v : values) {
                best.add(new OrderedPoint(Shard.point(s, ord, slot, withPayload, withVector), v,
                        OrderValues.reported(type, v)));
                if (best.size() > limit) {
                    best.poll();
                }
            }
            return true;
        });
        List<OrderedPoint> out = new ArrayList<>(best);
        out.sort(ordering);
        return out;
    }

    /**
     * The {@code n} live points matching {@code filter} (null = all) that come first in
     * {@link PointSample#ORDER}, with their vectors, in that order: this shard's part of a
     * reproducible random sample.
     */
    static List<StoredPoint> sample(ShardState s, Filter filter, int n) {
        if (n <= 0) {
            return List.of();
        }
        PriorityQueue<StoredPoint> kept = new PriorityQueue<>(n + 1,
                Comparator.comparing(StoredPoint::id, PointSample.ORDER).reversed());
        s.matcher.forEach(filter, (ord, slot) -> {
            kept.add(Shard.point(s, ord, slot, false, true));
            if (kept.size() > n) {
                kept.poll();
            }
            return true;
        });
        List<StoredPoint> out = new ArrayList<>(kept);
        out.sort(Comparator.comparing(StoredPoint::id, PointSample.ORDER));
        return out;
    }

    /** The parsed {@code key}, or null if it is no valid path (and so has no index). */
    private static JsonPath indexedPath(String key) {
        try {
            return JsonPath.parse(key);
        } catch (JsonPathException e) {
            return null;
        }
    }
}
