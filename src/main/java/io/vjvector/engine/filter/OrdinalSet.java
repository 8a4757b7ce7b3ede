package io.vjvector.engine.filter;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The ordinals holding one indexed value (a posting list). Sparse sets are a sorted int array,
 * so that a keyword held by a few points of a million costs a few ints rather than a 125 KB
 * bitmap; once the array would outweigh a bitmap over the same ordinal range the set switches
 * to a {@link BitSet} for good. Ordinals arrive mostly in increasing order, so adds are usually
 * appends. Not thread-safe (guarded by {@link PayloadIndexes}).
 */
final class OrdinalSet {

    private static final int[] NONE = new int[0];
    /** Below this size the array is always kept: bitmaps for tiny sets are not worth it. */
    private static final int MIN_DENSE_SIZE = 64;

    private int[] sorted = NONE;
    private BitSet dense;
    private int size;

    /** Adds an ordinal; returns whether it was absent. */
    boolean add(int ordinal) {
        if (dense != null) {
            if (dense.get(ordinal)) {
                return false;
            }
            dense.set(ordinal);
            size++;
            return true;
        }
        int at = size > 0 && ordinal > sorted[size - 1] ? -(size + 1) : Arrays.binarySearch(sorted, 0, size, ordinal);
        if (at >= 0) {
            return false;
        }
        int insert = -(at + 1);
        if (size == sorted.length) {
            sorted = Arrays.copyOf(sorted, Math.max(4, size + (size >> 1)));
        }
        System.arraycopy(sorted, insert, sorted, insert + 1, size - insert);
        sorted[insert] = ordinal;
        size++;
        // 4 bytes per array entry against 1 bit per ordinal up to the largest: switch when the array is bigger.
        if (size >= MIN_DENSE_SIZE && (long) size * 32 > sorted[size - 1]) {
            dense = new BitSet(sorted[size - 1] + 1);
            for (int i = 0; i < size; i++) {
                dense.set(sorted[i]);
            }
            sorted = NONE;
        }
        return true;
    }

    /** Removes an ordinal; returns whether it was present. */
    boolean remove(int ordinal) {
        if (dense != null) {
            if (!dense.get(ordinal)) {
                return false;
            }
            dense.clear(ordinal);
            size--;
            return true;
        }
        int at = Arrays.binarySearch(sorted, 0, size, ordinal);
        if (at < 0) {
            return false;
        }
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
        size--;
        return true;
    }

    boolean contains(int ordinal) {
        return dense != null ? dense.get(ordinal) : Arrays.binarySearch(sorted, 0, size, ordinal) >= 0;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Sets this set's ordinals in {@code target}. */
    void orInto(BitSet target) {
        if (dense != null) {
            target.or(dense);
        } else {
            for (int i = 0; i < size; i++) {
                target.set(sorted[i]);
            }
        }
    }
}
