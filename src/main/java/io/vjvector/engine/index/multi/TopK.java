package io.vjvector.engine.index.multi;

import io.vjvector.engine.index.SearchHits;

/**
 * The best {@code k} (ordinal, similarity) pairs seen so far: a min-heap of pairs packed into one
 * long each (similarity in an order-preserving integer form in the high half, the complemented
 * ordinal in the low half), so equal similarities prefer the lower ordinal and nothing is boxed.
 */
final class TopK {

    private final int k;
    private final long[] heap;
    private int size;

    /** @param candidates how many pairs can be offered at most: bounds the heap when k is huge */
    TopK(int k, int candidates) {
        this.k = Math.max(0, Math.min(k, candidates));
        this.heap = new long[this.k];
    }

    /** Offers a pair; keeps it if there is room or it beats the worst kept one. */
    void offer(int ordinal, float similarity) {
        long packed = ((long) sortable(similarity) << 32) | (~ordinal & 0xFFFFFFFFL);
        if (k == 0) {
            return;
        }
        if (size < k) {
            heap[size] = packed;
            siftUp(size++);
        } else if (packed > heap[0]) {
            heap[0] = packed;
            siftDown();
        }
    }

    /** The kept pairs, best first. Empties the heap. */
    SearchHits drain(int visited) {
        int n = size;
        int[] ordinals = new int[n];
        float[] similarities = new float[n];
        for (int i = n - 1; i >= 0; i--) {
            long top = heap[0];
            heap[0] = heap[--size];
            siftDown();
            ordinals[i] = ~(int) top;
            int bits = (int) (top >> 32);
            similarities[i] = Float.intBitsToFloat(bits ^ ((bits >> 31) & 0x7fffffff));
        }
        return new SearchHits(ordinals, similarities, n, visited);
    }

    private static int sortable(float f) {
        int bits = Float.floatToIntBits(f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    private void siftUp(int i) {
        long key = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= key) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = key;
    }

    private void siftDown() {
        if (size == 0) {
            return;
        }
        long key = heap[0];
        int i = 0;
        for (int child = 1; child < size; child = 2 * i + 1) {
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= key) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = key;
    }
}
