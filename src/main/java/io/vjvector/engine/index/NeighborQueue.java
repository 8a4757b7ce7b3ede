package io.vjvector.engine.index;

import java.util.Arrays;

/**
 * A binary heap of (similarity, ordinal) pairs packed into one {@code long} each, so pushing and
 * popping neither boxes nor allocates. The similarity goes to the high 32 bits in an order-
 * preserving integer form and the complemented ordinal to the low bits (ties prefer the lower
 * ordinal). A min-heap keeps the worst similarity on top (a top-k result set); a max-heap keeps
 * the best on top (the candidates still to expand) by storing the negated key. Public for the
 * other indexes of a shard, which collect their top-k the same way.
 */
public final class NeighborQueue {

    private final boolean maxHeap;
    /** 1-based heap of keys. */
    private long[] heap;
    private int size;

    public NeighborQueue(int initialCapacity, boolean maxHeap) {
        this.heap = new long[Math.max(2, initialCapacity + 1)];
        this.maxHeap = maxHeap;
    }

    /** The packed form of a pair; larger means better similarity. */
    public static long encode(int ordinal, float similarity) {
        return ((long) sortableInt(similarity) << 32) | (~ordinal & 0xFFFFFFFFL);
    }

    public static int decodeOrdinal(long packed) {
        return ~(int) packed;
    }

    public static float decodeSimilarity(long packed) {
        return sortableFloat((int) (packed >> 32));
    }

    private static int sortableInt(float f) {
        int bits = Float.floatToIntBits(f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    private static float sortableFloat(int sortable) {
        return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & 0x7fffffff));
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        size = 0;
    }

    public void push(int ordinal, float similarity) {
        pushPacked(encode(ordinal, similarity));
    }

    /** Pushes an {@link #encode encoded} pair. */
    public void pushPacked(long packed) {
        long key = maxHeap ? -packed : packed;
        if (++size == heap.length) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        int i = size;
        while (i > 1) {
            int parent = i >>> 1;
            long p = heap[parent];
            if (key >= p) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = key;
    }

    /**
     * For a min-heap used as a bounded top-k: adds the pair if there is room, else replaces the
     * worst if the pair is better. Returns whether it was kept.
     */
    public boolean insertWithOverflow(int ordinal, float similarity, int maxSize) {
        long packed = encode(ordinal, similarity);
        if (size < maxSize) {
            pushPacked(packed);
            return true;
        }
        if (packed <= heap[1]) {
            return false;
        }
        heap[1] = packed;
        siftDown();
        return true;
    }

    /** The top pair in packed form (worst for a min-heap, best for a max-heap). */
    public long peekPacked() {
        long key = heap[1];
        return maxHeap ? -key : key;
    }

    public float topSimilarity() {
        return decodeSimilarity(peekPacked());
    }

    public int topOrdinal() {
        return decodeOrdinal(peekPacked());
    }

    /** Removes the top pair and returns it packed. */
    public long popPacked() {
        long key = heap[1];
        heap[1] = heap[size];
        size--;
        siftDown();
        return maxHeap ? -key : key;
    }

    public int pop() {
        return decodeOrdinal(popPacked());
    }

    private void siftDown() {
        int n = size;
        long[] h = heap;
        int i = 1;
        long key = h[1];
        int child = 2;
        while (child <= n) {
            if (child < n && h[child + 1] < h[child]) {
                child++;
            }
            if (h[child] >= key) {
                break;
            }
            h[i] = h[child];
            i = child;
            child = i << 1;
        }
        h[i] = key;
    }

    /**
     * Empties a min-heap into hits, best first, keeping at most {@code k} (the best ones).
     *
     * @param visited reported in {@link SearchHits#visited()}
     */
    public SearchHits drainToHits(int k, int visited) {
        assert !maxHeap : "drainToHits needs the worst on top";
        while (size > k) {
            popPacked();
        }
        int n = size;
        int[] ordinals = new int[n];
        float[] similarities = new float[n];
        for (int i = n - 1; i >= 0; i--) {
            long packed = popPacked();
            ordinals[i] = decodeOrdinal(packed);
            similarities[i] = decodeSimilarity(packed);
        }
        return new SearchHits(ordinals, similarities, n, visited);
    }
}
