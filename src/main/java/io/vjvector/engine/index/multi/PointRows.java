package io.vjvector.engine.index.multi;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The two maps between points and their rows: point ordinal → the row ordinals it owns, and row
 * ordinal → owning point. Several adds write at once (each its own slots); reads never lock. Pages
 * are fixed-size and never copied, only the spine is replaced when it grows, so a reader sees
 * either no page (nothing published there yet) or the one page every writer uses.
 */
final class PointRows {

    private static final int PAGE_BITS = 12;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;

    private volatile AtomicReferenceArray<int[]>[] pointPages = newPointSpine(0);
    /** Owner plus one, so that 0 means "not published yet". */
    private volatile AtomicIntegerArray[] ownerPages = new AtomicIntegerArray[0];
    /** Heap of the published row arrays, for {@link #ramBytesUsed()}. */
    private final AtomicLong rowArrayBytes = new AtomicLong();

    /** The rows of {@code point}, or null if it has none (absent, or its add has not finished). */
    int[] rows(int point) {
        AtomicReferenceArray<int[]>[] spine = pointPages;
        int page = point >>> PAGE_BITS;
        return page < spine.length ? spine[page].get(point & PAGE_MASK) : null;
    }

    /** Makes {@code rows} the rows of {@code point}; their owners must be set first. */
    void publish(int point, int[] rows) {
        int page = point >>> PAGE_BITS;
        AtomicReferenceArray<int[]>[] spine = pointPages;
        if (page >= spine.length) {
            spine = growPoints(page + 1);
        }
        spine[page].set(point & PAGE_MASK, rows);
        rowArrayBytes.addAndGet(16L + 4L * rows.length);
    }

    /** The point owning {@code row}, or -1 while unknown (its add is still running, or it failed). */
    int owner(int row) {
        AtomicIntegerArray[] spine = ownerPages;
        int page = row >>> PAGE_BITS;
        return page < spine.length ? spine[page].get(row & PAGE_MASK) - 1 : -1;
    }

    void setOwner(int row, int point) {
        int page = row >>> PAGE_BITS;
        AtomicIntegerArray[] spine = ownerPages;
        if (page >= spine.length) {
            spine = growOwners(page + 1);
        }
        spine[page].set(row & PAGE_MASK, point + 1);
    }

    private synchronized AtomicReferenceArray<int[]>[] growPoints(int pages) {
        AtomicReferenceArray<int[]>[] spine = pointPages;
        if (spine.length < pages) {
            AtomicReferenceArray<int[]>[] bigger = Arrays.copyOf(spine, Math.max(pages, spine.length * 2));
            for (int i = spine.length; i < bigger.length; i++) {
                bigger[i] = new AtomicReferenceArray<>(PAGE_SIZE);
            }
            pointPages = bigger;
            spine = bigger;
        }
        return spine;
    }

    private synchronized AtomicIntegerArray[] growOwners(int pages) {
        AtomicIntegerArray[] spine = ownerPages;
        if (spine.length < pages) {
            AtomicIntegerArray[] bigger = Arrays.copyOf(spine, Math.max(pages, spine.length * 2));
            for (int i = spine.length; i < bigger.length; i++) {
                bigger[i] = new AtomicIntegerArray(PAGE_SIZE);
            }
            ownerPages = bigger;
            spine = bigger;
        }
        return spine;
    }

    @SuppressWarnings("unchecked")
    private static AtomicReferenceArray<int[]>[] newPointSpine(int length) {
        return (AtomicReferenceArray<int[]>[]) new AtomicReferenceArray[length];
    }

    /** Pages (4 bytes per slot: an int, or a compressed reference) and the published row arrays. */
    long ramBytesUsed() {
        long pages = (long) pointPages.length + ownerPages.length;
        return pages * (16L + 4L * PAGE_SIZE) + rowArrayBytes.get();
    }
}
