package io.vjvector.engine.filter;

import java.util.BitSet;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Value → ordinals for one field index, over a hash map (keywords) or a sorted map (numbers, so
 * that ranges are sub-maps). Empty posting lists are dropped so the map holds only live values.
 */
final class Postings<K> {

    private final Map<K, OrdinalSet> byValue;

    Postings(Supplier<Map<K, OrdinalSet>> map) {
        this.byValue = map.get();
    }

    void add(K value, int ordinal) {
        byValue.computeIfAbsent(value, v -> new OrdinalSet()).add(ordinal);
    }

    void remove(K value, int ordinal) {
        OrdinalSet set = byValue.get(value);
        if (set != null && set.remove(ordinal) && set.isEmpty()) {
            byValue.remove(value);
        }
    }

    /** Number of ordinals holding {@code value}. */
    int count(K value) {
        OrdinalSet set = byValue.get(value);
        return set == null ? 0 : set.size();
    }

    /** Sets the ordinals holding {@code value} in {@code target}. */
    void orInto(K value, BitSet target) {
        OrdinalSet set = byValue.get(value);
        if (set != null) {
            set.orInto(target);
        }
    }

    Map<K, OrdinalSet> map() {
        return byValue;
    }

    /** The union of some posting lists (e.g. the values of a range sub-map). */
    static BitSet union(Collection<OrdinalSet> sets) {
        BitSet out = new BitSet();
        for (OrdinalSet set : sets) {
            set.orInto(out);
        }
        return out;
    }

    /** The summed sizes of some posting lists: an upper bound on their union. */
    static long totalSize(Collection<OrdinalSet> sets) {
        long total = 0;
        for (OrdinalSet set : sets) {
            total += set.size();
        }
        return total;
    }
}
