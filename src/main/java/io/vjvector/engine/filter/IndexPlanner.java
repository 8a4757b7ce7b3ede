package io.vjvector.engine.filter;

import io.vjvector.engine.payload.JsonPath;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Narrows a filter to candidate ordinals with the field indexes: the AND of what the indexable
 * {@code must} conditions (and nested filters) allow, further cut by {@code should} /
 * {@code min_should} only when every one of their conditions is indexable (one unindexable
 * alternative could match anything). {@code must_not} is never used to narrow: the result must
 * stay a superset of the matches. Called under {@link PayloadIndexes}' read lock.
 */
final class IndexPlanner {

    private final Map<JsonPath, FieldIndex> indexes;

    IndexPlanner(Map<JsonPath, FieldIndex> indexes) {
        this.indexes = indexes;
    }

    /** A superset of the matching ordinals, or null when no index narrows the filter. */
    BitSet candidates(Filter filter) {
        BitSet result = null;
        for (Condition c : filter.must()) {
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
