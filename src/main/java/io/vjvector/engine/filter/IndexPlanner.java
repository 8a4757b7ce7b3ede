package io.vjvector.engine.filter;

import io.vjvector.engine.payload.JsonPath;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Narrows a filter to candidate ordinals with the field indexes: the AND of what the indexable
 * {@code must} conditions (and nested filters) allow, further cut by {@code should} /
 * {@code min_should} only when every one of their conditions is indexable (one unindexable
 * alternative could match anything). {@code must_not} is never used to narrow: the result must
 * stay a superset of the matches. Called under {@link PayloadIndexes}' read lock.
 *
 * <p><b>Order.</b> The {@code must} conditions are intersected leading clause first: a match on a
 * tenant key ({@code is_tenant}), then a condition on the principal key ({@code is_principal}),
 * then the others by their estimated size, smallest first — the flags say which keys most
 * requests are organised around, as in Qdrant. Once the candidates are few, a condition that
 * would allow more than {@link #INTERSECT_FACTOR} times as many points is not materialised: the
 * caller tests every candidate against the whole filter anyway, and testing those few is cheaper
 * than building a large set to cut them.
 */
final class IndexPlanner {

    /** A later condition allowing more than this many times the current candidates is left to per-point tests. */
    static final int INTERSECT_FACTOR = 8;
    /** The total used for size estimates made without one: above any ordinal count, small enough that sums cannot overflow. */
    private static final long UNBOUNDED = Integer.MAX_VALUE;

    private final Map<JsonPath, FieldIndex> indexes;

    IndexPlanner(Map<JsonPath, FieldIndex> indexes) {
        this.indexes = indexes;
    }

    /** A superset of the matching ordinals, or null when no index narrows the filter. */
    BitSet candidates(Filter filter) {
        BitSet result = null;
        for (Condition c : leadingFirst(filter.must())) {
            if (result != null && estimate(c, UNBOUNDED) > (long) INTERSECT_FACTOR * result.cardinality()) {
                continue;
            }
            result = intersect(result, candidates(c));
            if (result != null && result.isEmpty()) {
                return result;
            }
        }
        result = intersect(result, unionOfAll(filter.should()));
        MinShould minShould = filter.minShould();
        if (minShould != null && minShould.minCount() > 0) {
            result = intersect(result, minShould.conditions().size() < minShould.minCount()
                    ? new BitSet()
                    : unionOfAll(minShould.conditions()));
        }
        return result;
    }

    /**
     * The {@code must} conditions in the order they narrow: tenant matches, then principal-key
     * conditions, then the rest by estimated size (ties keep the filter's order).
     */
    List<Condition> leadingFirst(List<Condition> must) {
        if (must.size() < 2) {
            return must;
        }
        List<Condition> ordered = new ArrayList<>(must);
        ordered.sort(Comparator.comparingInt(this::rank).thenComparingLong(c -> estimate(c, UNBOUNDED)));
        return ordered;
    }

    /** 0 for a match on a tenant key, 1 for a condition on the principal key, 2 otherwise. */
    private int rank(Condition c) {
        if (c instanceof Condition.Field field) {
            FieldIndex index = indexes.get(field.key());
            if (index != null && index.schema().isTenant() && field.match() != null && field.range() == null) {
                return 0;
            }
            if (index != null && index.schema().isPrincipal()) {
                return 1;
            }
        }
        return 2;
    }

    /**
     * The fewest points a {@code must} match on a tenant key ({@code is_tenant}) allows — the size
     * of the tenant the filter names, exact from its index — or -1 when the filter names no tenant.
     * Nested {@code must} filters count: they restrict as much.
     */
    long tenantCardinality(Filter filter) {
        long fewest = -1;
        for (Condition c : filter.must()) {
            long e = -1;
            if (c instanceof Condition.Sub sub) {
                e = tenantCardinality(sub.filter());
            } else if (rank(c) == 0) {
                e = indexes.get(((Condition.Field) c).key()).estimate(((Condition.Field) c).match());
            }
            if (e >= 0 && (fewest < 0 || e < fewest)) {
                fewest = e;
            }
        }
        return fewest;
    }

    /**
     * An upper bound on the points matching {@code filter}, at most {@code total}: the smallest
     * bound among {@code must} conditions, the summed bounds of {@code should}, and for
     * {@code min_should} the summed bounds over {@code min_count} (each match needs that many).
     */
    long estimate(Filter filter, long total) {
        long bound = total;
        for (Condition c : filter.must()) {
            bound = Math.min(bound, estimate(c, total));
        }
        if (!filter.should().isEmpty()) {
            bound = Math.min(bound, sum(filter.should(), total));
        }
        MinShould minShould = filter.minShould();
        if (minShould != null && minShould.minCount() > 0) {
            bound = Math.min(bound, sum(minShould.conditions(), total) / minShould.minCount());
        }
        return bound;
    }

    private BitSet candidates(Condition condition) {
        if (condition instanceof Condition.Sub sub) {
            return candidates(sub.filter());
        }
        if (condition instanceof Condition.Values values) {
            FieldIndex index = indexes.get(values.key());
            return index == null ? null : index.candidates(values.test());
        }
        if (!(condition instanceof Condition.Field field)) {
            return null;
        }
        FieldIndex index = indexes.get(field.key());
        if (index == null) {
            return null;
        }
        BitSet fromMatch = null;
        if (field.match() != null && (fromMatch = index.candidates(field.match())) == null) {
            return null;
        }
        BitSet fromRange = null;
        if (field.range() != null && (fromRange = index.candidates(field.range())) == null) {
            return null;
        }
        if (fromMatch == null || fromRange == null) {
            return fromMatch == null ? fromRange : fromMatch;
        }
        // Match and range are OR-ed within one field condition.
        fromMatch.or(fromRange);
        return fromMatch;
    }

    private long estimate(Condition condition, long total) {
        if (condition instanceof Condition.Sub sub) {
            return estimate(sub.filter(), total);
        }
        if (condition instanceof Condition.HasId hasId) {
            return Math.min(total, hasId.ids().size());
        }
        if (condition instanceof Condition.Values values) {
            FieldIndex index = indexes.get(values.key());
            long e = index == null ? -1 : index.estimate(values.test());
            return e < 0 ? total : Math.min(total, e);
        }
        if (!(condition instanceof Condition.Field field)) {
            return total;
        }
        FieldIndex index = indexes.get(field.key());
        if (index == null) {
            return total;
        }
        long bound = 0;
        if (field.match() != null) {
            long e = index.estimate(field.match());
            bound += e < 0 ? total : e;
        }
        if (field.range() != null) {
            long e = index.estimate(field.range());
            bound += e < 0 ? total : e;
        }
        return Math.min(total, bound);
    }

    private BitSet unionOfAll(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return null;
        }
        BitSet union = new BitSet();
        for (Condition c : conditions) {
            BitSet s = candidates(c);
            if (s == null) {
                return null;
            }
            union.or(s);
        }
        return union;
    }

    /** Summed bounds (each at most {@code total}, so no overflow for any realistic list). */
    private long sum(List<Condition> conditions, long total) {
        long sum = 0;
        for (Condition c : conditions) {
            sum += estimate(c, total);
        }
        return sum;
    }

    private static BitSet intersect(BitSet acc, BitSet next) {
        if (next == null) {
            return acc;
        }
        if (acc == null) {
            return next;
        }
        acc.and(next);
        return acc;
    }
}
