package io.vjvector.engine.shard;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The ordinals a filtered search may return, both as a dense array (for an exact scan) and as a
 * bit set (the accept predicate of a graph search).
 */
final class AllowList {

    private int[] ordinals = new int[16];
    private int count;
    private final BitSet bits = new BitSet();

    void add(int ordinal) {
        if (count == ordinals.length) {
            ordinals = Arrays.copyOf(ordinals, count * 2);
        }
        ordinals[count++] = ordinal;
        bits.set(ordinal);
    }

    int[] ordinals() {
        return ordinals;
    }

    int count() {
        return count;
    }

    boolean contains(int ordinal) {
        return bits.get(ordinal);
    }
}
