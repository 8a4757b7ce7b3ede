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

    /**
     * The deleted ordinals among {@code [0, size)} as words (bit {@code i % 64} of word
     * {@code i / 64} is ordinal {@code i}): what a checkpoint writes. Call while nothing is deleted.
     */
    public long[] words(int size) {
        long[] out = new long[(size + 63) >>> 6];
        if (any()) {
            for (int ord = 0; ord < size; ord++) {
                if (isDeleted(ord)) {
                    out[ord >>> 6] |= 1L << ord;
                }
            }
        }
        return out;
    }

    /**
     * Deletes every ordinal of {@code source} (as {@link #words} gives them), refusing any at or
     * beyond {@code size}: loading a checkpoint.
     *
     * @throws IllegalArgumentException naming the first ordinal out of range
     */
    public void deleteAll(long[] source, int size) {
        for (int i = 0; i < source.length; i++) {
            for (long w = source[i]; w != 0; w &= w - 1) {
                int ord = (i << 6) + Long.numberOfTrailingZeros(w);
                if (ord >= size) {
                    throw new IllegalArgumentException("ordinal " + ord + " beyond " + size);
                }
                delete(ord);
            }
        }
    }

    public long ramBytesUsed() {
        return 16L + 8L * words.length;
    }
}
