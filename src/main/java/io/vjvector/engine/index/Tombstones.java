package io.vjvector.engine.index;

import java.util.Arrays;

/**
 * Deleted ordinals as a bit set. Deletes are serialised; {@link #isDeleted} is lock-free and
 * {@link #any()} lets searches skip the check entirely while nothing was ever deleted.
 * Public for the other indexes of a shard (the sparse and multivector indexes keep their deletes the same way).
 */
public final class Tombstones {

    private volatile long[] words = new long[0];
    private volatile int count;

    /** Marks {@code ordinal} deleted; returns false if it already was. */
    public synchronized boolean delete(int ordinal) {
        long[] w = words;
        int word = ordinal >>> 6;
        if (word >= w.length) {
            w = Arrays.copyOf(w, Math.max(word + 1, w.length + (w.length >> 1) + 1));
        }
        long bit = 1L << ordinal;
        if ((w[word] & bit) != 0) {
            return false;
        }
        w[word] |= bit;
        words = w;
        count = count + 1;
        return true;
    }

    public boolean isDeleted(int ordinal) {
        long[] w = words;
        int word = ordinal >>> 6;
        return word < w.length && (w[word] & (1L << ordinal)) != 0;
    }

    /** Whether any ordinal was ever deleted. */
    public boolean any() {
        return count != 0;
    }

    public int count() {
        return count;
    }

    public long ramBytesUsed() {
        return 16L + 8L * words.length;
    }
}
