package io.vjvector.engine.shard;

import java.util.Arrays;

/** The ordinals a filtered search may return, as a dense array for an exact scan. */
final class AllowList {

    private int[] ordinals = new int[16];
    private int count;

    void add(int ordinal) {
        if (count == ordinals.length) {
            ordinals = Arrays.copyOf(ordinals, count * 2);
        }
        ordinals[count++] = ordinal;
    }

    int[] ordinals() {
        return ordinals;
    }

    int count() {
        return count;
    }
}
