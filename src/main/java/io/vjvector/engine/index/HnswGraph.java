package io.vjvector.engine.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The links of an HNSW graph, in hnswlib's layout: level 0 is paged int arrays with a fixed
 * stride of {@code 1 + 2m} per node (link count, then up to {@code 2m} neighbour ordinals), so
 * expanding a node reads one contiguous run; levels above 0 (about one node in {@code m}) keep a
 * small {@code int[]} per node holding {@code 1 + m} slots per level.
 *
 * <p>A list is read lock-free: its count is published with release semantics after its links
 * are written and read with acquire semantics, so a reader that sees a link also sees the linked
 * node's vector and level (both written before the node is linked). A concurrent rewrite may
 * show a reader a mix of old and new links, all of them valid nodes, which a search tolerates.
 */
final class HnswGraph {

    /** Records per page of level-0 links: 33 KB pages at m=16. */
    private static final int LEVEL0_PAGE_SHIFT = 8;
    private static final int UPPER_PAGE_SHIFT = 10;
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    /** An entry point together with the graph's top level, swapped atomically. */
    record EntryPoint(int node, int level) {
    }

    private final int m;
    private final int upperStride;
    private final PagedArray<int[]> level0;
    private final PagedArray<int[][]> upper;
    private volatile EntryPoint entryPoint;
    /** Heap bytes of the per-node upper-level arrays; written only by {@link #allocate}. */
    private volatile long upperListBytes;

    HnswGraph(int m) {
        this.m = m;
        this.upperStride = m + 1;
        this.level0 = new PagedArray<>(1 + 2 * m, LEVEL0_PAGE_SHIFT, Integer.BYTES, false, int[]::new);
        this.upper = new PagedArray<>(1, UPPER_PAGE_SHIFT, 4, false, int[][]::new);
    }

    int m() {
        return m;
    }

    /** Most links a node keeps on {@code level}: {@code 2m} on level 0, {@code m} above. */
    int maxConnections(int level) {
        return level == 0 ? 2 * m : m;
    }

    /** Creates the empty lists of {@code node} on levels {@code 0..level}; callers serialise this. */
    void allocate(int node, int level) {
        level0.ensureCapacity(node + 1);
        upper.ensureCapacity(node + 1);
        if (level > 0) {
            // Upper pages are never replaced, so this plain store is published with the node's
            // first link (release) like everything else written before it.
            upper.page(node)[upper.offset(node)] = new int[level * upperStride];
            upperListBytes += 16L + 4L * level * upperStride;
        }
    }

    /** The top level of {@code node}. */
    int level(int node) {
        int[] up = upper.page(node)[upper.offset(node)];
        return up == null ? 0 : up.length / upperStride;
    }

    EntryPoint entryPoint() {
        return entryPoint;
    }

    void setEntryPoint(int node, int level) {
        entryPoint = new EntryPoint(node, level);
    }

    /** The array holding {@code node}'s list on level 0; the list starts at {@link #level0Offset}. */
    int[] level0Page(int node) {
        return level0.page(node);
    }

    int level0Offset(int node) {
        return level0.offset(node);
    }

    /** The array holding {@code node}'s list on {@code level}; the list starts at {@link #linksOffset}. */
    int[] links(int node, int level) {
        return level == 0 ? level0.page(node) : upper.page(node)[upper.offset(node)];
    }

    int linksOffset(int node, int level) {
        return level == 0 ? level0.offset(node) : (level - 1) * upperStride;
    }

    /** The published link count of the list at {@code offset}. */
    static int count(int[] links, int offset) {
        return (int) INTS.getAcquire(links, offset);
    }

    /** Publishes a list whose links {@code [offset+1, offset+1+count)} are already written. */
    static void publishCount(int[] links, int offset, int count) {
        INTS.setRelease(links, offset, count);
    }

    long ramBytesUsed() {
        // + this object and its entry-point record
        return level0.ramBytesUsed() + upper.ramBytesUsed() + upperListBytes + 64;
    }
}
