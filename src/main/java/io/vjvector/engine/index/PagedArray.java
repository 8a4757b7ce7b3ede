package io.vjvector.engine.index;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Fixed-stride records kept in a spine of primitive-array pages of {@code 2^pageShift} records
 * each. Growing adds a page instead of copying everything, and the total is not bound by the
 * 2^31-element limit of one Java array.
 *
 * <p>The spine is copy-on-write and published through a volatile field, so readers never lock and
 * never see a torn spine. When {@code growLastPage} is set, the last page starts small and is
 * replaced by a copy twice its size until full; that is only safe when every write into the pages
 * happens under this object's monitor (as {@link VectorStore} does), because a write into a page
 * being replaced would be lost. Pages that are written lock-free afterwards (graph links) use
 * full-size pages from the start.
 *
 * @param <T> the page type, a primitive array such as {@code float[]} or {@code int[]}
 */
final class PagedArray<T> {

    private static final int FIRST_PAGE_RECORDS = 16;

    private final int stride;
    private final int pageShift;
    private final int pageMask;
    private final int bytesPerElement;
    private final boolean growLastPage;
    private final IntFunction<T> allocator;
    private volatile Object[] spine = new Object[0];
    /** Records that fit in the allocated pages; guarded by {@code this}. */
    private int capacity;

    /**
     * @param stride          elements per record
     * @param pageShift       log2 of records per page; {@code stride << pageShift} must fit an int
     * @param bytesPerElement for {@link #ramBytesUsed()}
     * @param growLastPage    start the last page small and double it (see class comment)
     * @param allocator       creates a page of the given element count
     */
    PagedArray(int stride, int pageShift, int bytesPerElement, boolean growLastPage, IntFunction<T> allocator) {
        if (stride < 1 || pageShift < 0 || ((long) stride << pageShift) > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("page of 2^" + pageShift + " records of " + stride + " elements");
        }
        this.stride = stride;
        this.pageShift = pageShift;
        this.pageMask = (1 << pageShift) - 1;
        this.bytesPerElement = bytesPerElement;
        this.growLastPage = growLastPage;
        this.allocator = allocator;
    }

    /** The largest {@code pageShift} whose pages hold at most {@code maxPageElements} elements. */
    static int pageShiftFor(int stride, int maxPageElements) {
        int records = Math.max(1, maxPageElements / stride);
        return 31 - Integer.numberOfLeadingZeros(records);
    }

    /** The page holding {@code record}; valid once {@link #ensureCapacity} covered it. */
    @SuppressWarnings("unchecked")
    T page(int record) {
        return (T) spine[record >>> pageShift];
    }

    /** Index of {@code record}'s first element inside its page. */
    int offset(int record) {
        return (record & pageMask) * stride;
    }

    /** Makes records {@code [0, records)} addressable. */
    synchronized void ensureCapacity(int records) {
        Object[] s = spine;
        int pageRecords = 1 << pageShift;
        while (capacity < records) {
            int last = s.length - 1;
            int lastRecords = last < 0 ? pageRecords : Array.getLength(s[last]) / stride;
            s = lastRecords < pageRecords ? Arrays.copyOf(s, s.length) : Arrays.copyOf(s, s.length + 1);
            if (lastRecords < pageRecords) {
                int wanted = records - (last << pageShift);
                int grown = Math.min(pageRecords, Math.max(wanted, lastRecords * 2));
                T bigger = allocator.apply(grown * stride);
                System.arraycopy(s[last], 0, bigger, 0, lastRecords * stride);
                s[last] = bigger;
                capacity = (last << pageShift) + grown;
            } else {
                int fresh = growLastPage
                        ? Math.min(pageRecords, Math.max(FIRST_PAGE_RECORDS, records - capacity))
                        : pageRecords;
                s[s.length - 1] = allocator.apply(fresh * stride);
                capacity += fresh;
            }
        }
        spine = s;
    }

    /** Heap bytes of the spine and its pages (16-byte array headers, compressed references). */
    long ramBytesUsed() {
        Object[] s = spine;
        long bytes = 16L + 4L * s.length;
        for (Object page : s) {
            bytes += 16L + (long) Array.getLength(page) * bytesPerElement;
        }
        return bytes;
    }
}
