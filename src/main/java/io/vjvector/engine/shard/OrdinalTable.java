package io.vjvector.engine.shard;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A growable ordinal → value table with one writer and lock-free readers. Values live in fixed
 * pages that are never copied, so a reader never sees a half-grown array; each slot is read and
 * written with volatile semantics so a published value is seen complete.
 */
final class OrdinalTable<T> {

    private static final int PAGE_BITS = 12;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;

    /** Replaced (never mutated in a way readers could observe partially) when pages are added. */
    private volatile AtomicReferenceArray<T>[] pages = newDirectory(0);

    /** The value at {@code ordinal}, or null if none was set (or it was cleared). */
    T get(int ordinal) {
        AtomicReferenceArray<T>[] dir = pages;
        int page = ordinal >>> PAGE_BITS;
        if (page >= dir.length) {
            return null;
        }
        return dir[page].get(ordinal & PAGE_MASK);
    }

    /** Sets or clears ({@code value == null}) an ordinal. Callers serialise writes. */
    void set(int ordinal, T value) {
        int page = ordinal >>> PAGE_BITS;
        AtomicReferenceArray<T>[] dir = pages;
        if (page >= dir.length) {
            dir = grow(dir, page + 1);
        }
        dir[page].set(ordinal & PAGE_MASK, value);
    }

    private AtomicReferenceArray<T>[] grow(AtomicReferenceArray<T>[] dir, int minPages) {
        AtomicReferenceArray<T>[] bigger = Arrays.copyOf(dir, Math.max(minPages, dir.length * 2));
        for (int i = dir.length; i < bigger.length; i++) {
            bigger[i] = new AtomicReferenceArray<>(PAGE_SIZE);
        }
        pages = bigger;
        return bigger;
    }

    @SuppressWarnings("unchecked")
    private static <T> AtomicReferenceArray<T>[] newDirectory(int length) {
        return (AtomicReferenceArray<T>[]) new AtomicReferenceArray[length];
    }
}
