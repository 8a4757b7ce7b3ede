package io.vjvector.engine.index.sparse;

import java.util.Arrays;

/**
 * Partial dot products per ordinal while a search walks posting lists term by term: an open-
 * addressing hash from ordinal to float sized for the postings about to be read, so its cost
 * follows the postings touched and not the number of vectors in the shard.
 */
final class ScoreAccumulator {

    private static final int EMPTY = -1;

    private final int[] keys;
    private final float[] sums;
    private final int mask;
    private int size;

    /** @param maxKeys an upper bound on the distinct ordinals that will be added */
    ScoreAccumulator(int maxKeys) {
        // Load factor at most 1/2 keeps linear probing short.
        int capacity = Integer.highestOneBit(Math.max(2, maxKeys) - 1) << 2;
        if (capacity <= 0) {
            throw new IllegalArgumentException("too many postings to accumulate: " + maxKeys);
        }
        keys = new int[capacity];
        Arrays.fill(keys, EMPTY);
        sums = new float[capacity];
        mask = capacity - 1;
    }

    /** Adds {@code product} to {@code ordinal}'s sum (which starts at 0). */
    void add(int ordinal, float product) {
        int slot = (ordinal * 0x9E3779B9) >>> 1 & mask;
        while (true) {
            int key = keys[slot];
            if (key == ordinal) {
                sums[slot] += product;
                return;
            }
            if (key == EMPTY) {
                keys[slot] = ordinal;
                // 0f + product, not product: a first product of -0.0 must sum to 0.0 as it does
                // in SparseVector.dot, so both give the same float.
                sums[slot] = 0f + product;
                size++;
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    /** Slots to visit with {@link #ordinalAt} and {@link #sumAt}; empty slots hold ordinal -1. */
    int capacity() {
        return keys.length;
    }

    int ordinalAt(int slot) {
        return keys[slot];
    }

    float sumAt(int slot) {
        return sums[slot];
    }
}
