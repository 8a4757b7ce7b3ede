package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Signed 64-bit integers → ordinals, ordered; answers {@code match} {@code value} / {@code any}
 * with integers, and ranges. A range also matches stored floats, which this index does not hold,
 * so it remembers which ordinals have other numbers and adds them to every range answer.
 */
final class IntegerIndex extends FieldIndex {

    /** Beyond this magnitude doubles are not exact integers apart, so bounds are widened. */
    private static final double EXACT = 0x1p52;

    private final Postings<Long> postings = new Postings<>(TreeMap::new);
    private final OrdinalSet otherNumbers = new OrdinalSet();

    IntegerIndex(JsonPath path) {
        super(path, PayloadSchemaType.INTEGER);
    }

    @Override
    boolean addValue(JsonNode value, int ordinal) {
        if (Match.isLong(value)) {
            postings.add(value.longValue(), ordinal);
            return true;
        }
        if (value.isNumber()) {
            otherNumbers.add(ordinal);
        }
        return false;
    }

    @Override
    void removeValue(JsonNode value, int ordinal) {
        if (Match.isLong(value)) {
            postings.remove(value.longValue(), ordinal);
        } else if (value.isNumber()) {
            otherNumbers.remove(ordinal);
        }
    }

    @Override
    BitSet candidates(Match match) {
        if (match instanceof Match.Integral i) {
            BitSet out = new BitSet();
            postings.orInto(i.value(), out);
            return out;
        }
        if (match instanceof Match.Any any && !any.values().isKeywords()) {
            BitSet out = new BitSet();
            for (long v : any.values().integerArray()) {
                postings.orInto(v, out);
            }
            return out;
        }
        return null;
    }

    @Override
    long estimate(Match match) {
        if (match instanceof Match.Integral i) {
            return postings.count(i.value());
        }
        if (match instanceof Match.Any any && !any.values().isKeywords()) {
            long total = 0;
            for (long v : any.values().integerArray()) {
                total += postings.count(v);
            }
            return total;
        }
        return -1;
    }

    @Override
    BitSet candidates(Range range) {
        BitSet out = Postings.union(inRange(range));
        otherNumbers.orInto(out);
        return out;
    }

    @Override
    long estimate(Range range) {
        return Postings.totalSize(inRange(range)) + otherNumbers.size();
    }

    private Collection<OrdinalSet> inRange(Range range) {
        long lo = Long.MIN_VALUE;
        long hi = Long.MAX_VALUE;
        if (range.gt() != null) {
            lo = Math.max(lo, lowest(range.gt(), false));
        }
        if (range.gte() != null) {
            lo = Math.max(lo, lowest(range.gte(), true));
        }
        if (range.lt() != null) {
            hi = Math.min(hi, highest(range.lt(), false));
        }
        if (range.lte() != null) {
            hi = Math.min(hi, highest(range.lte(), true));
        }
        NavigableMap<Long, OrdinalSet> map = (NavigableMap<Long, OrdinalSet>) postings.map();
        return lo > hi ? List.of() : map.subMap(lo, true, hi, true).values();
    }

    /**
     * The smallest long whose double value can exceed (or reach) {@code bound}. The condition
     * compares {@code (double) v}, which rounds above 2^53; there the bound is widened by an ulp
     * so that no matching integer is left out (the caller re-tests candidates anyway).
     */
    static long lowest(double bound, boolean inclusive) {
        if (Math.abs(bound) < EXACT) {
            return (long) (inclusive ? Math.ceil(bound) : Math.floor(bound) + 1);
        }
        return (long) Math.floor(bound - Math.ulp(bound));
    }

    /** The largest long whose double value can be below (or reach) {@code bound}; see {@link #lowest}. */
    static long highest(double bound, boolean inclusive) {
        if (Math.abs(bound) < EXACT) {
            return (long) (inclusive ? Math.floor(bound) : Math.ceil(bound) - 1);
        }
        return (long) Math.ceil(bound + Math.ulp(bound));
    }
}
