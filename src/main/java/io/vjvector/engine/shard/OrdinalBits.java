package io.vjvector.engine.shard;

import java.util.Arrays;

/** A growable set of ordinals: one writer at a time, lock-free readers. */
final class OrdinalBits {

    private volatile long[] words = new long[0];

    synchronized void set(int ordinal) {
        long[] w = words;
        int word = ordinal >>> 6;
        if (word >= w.length) {
            w = Arrays.copyOf(w, Math.max(word + 1, w.length + (w.length >> 1) + 1));
        }
        w[word] |= 1L << ordinal;
        words = w;
    }

    boolean get(int ordinal) {
        long[] w = words;
        int word = ordinal >>> 6;
        return word < w.length && (w[word] & (1L << ordinal)) != 0;
    }

    /** A copy of the bits, word by word (bit {@code i % 64} of word {@code i / 64} is ordinal {@code i}). */
    long[] words() {
        return words.clone();
    }

    /** Sets every bit of {@code words} (as {@link #words()} returns them). */
    synchronized void setAll(long[] source) {
        long[] w = words.length >= source.length ? words.clone() : Arrays.copyOf(words, source.length);
        for (int i = 0; i < source.length; i++) {
            w[i] |= source[i];
        }
        words = w;
    }

    long ramBytesUsed() {
        return 16 + 8L * words.length;
    }
}
