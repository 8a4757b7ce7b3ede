package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Every number (as a double, the way ranges compare) → ordinals, ordered; answers ranges. */
final class FloatIndex extends FieldIndex {

    private final Postings<Double> postings = new Postings<>(TreeMap::new);

    FloatIndex(JsonPath path) {
        super(path, PayloadSchemaType.FLOAT);
    }

    @Override
    boolean addValue(JsonNode value, int ordinal) {
        if (!value.isNumber()) {
            return false;
        }
        postings.add(key(value), ordinal);
        return true;
    }

    @Override
    void removeValue(JsonNode value, int ordinal) {
        if (value.isNumber()) {
            postings.remove(key(value), ordinal);
        }
    }

    /**
     * -0.0 is stored as 0.0: range checks treat them as equal but {@link Double#compareTo} does
     * not, and the sorted map must agree with the checks.
     */
    private static Double key(JsonNode value) {
        return value.doubleValue() + 0.0;
    }

    @Override
    BitSet candidates(Range range) {
        return Postings.union(inRange(range));
    }

    @Override
    long estimate(Range range) {
        return Postings.totalSize(inRange(range));
    }

    private Collection<OrdinalSet> inRange(Range range) {
        NavigableMap<Double, OrdinalSet> map = (NavigableMap<Double, OrdinalSet>) postings.map();
        Double lo = null;
        boolean loInclusive = true;
        if (range.gte() != null) {
            lo = range.gte();
        }
        if (range.gt() != null && (lo == null || range.gt() >= lo)) {
            lo = range.gt();
            loInclusive = false;
        }
        Double hi = null;
        boolean hiInclusive = true;
        if (range.lte() != null) {
            hi = range.lte();
        }
        if (range.lt() != null && (hi == null || range.lt() <= hi)) {
            hi = range.lt();
            hiInclusive = false;
        }
        if (lo != null && hi != null) {
            return lo > hi ? List.of() : map.subMap(lo, loInclusive, hi, hiInclusive).values();
        }
        if (lo != null) {
            return map.tailMap(lo, loInclusive).values();
        }
        return hi != null ? map.headMap(hi, hiInclusive).values() : map.values();
    }
}
