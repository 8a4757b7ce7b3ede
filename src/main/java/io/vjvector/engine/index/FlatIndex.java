package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;

/** Exact index: every search scores every accepted vector. Placeholder until the engine's flat store lands. */
public final class FlatIndex implements VectorIndex {

    private final int dimension;
    private final Distance distance;
    private final VectorKernels kernels;
    private final List<float[]> vectors = new ArrayList<>();
    private final BitSet deleted = new BitSet();

    public FlatIndex(int dimension, Distance distance, VectorKernels kernels) {
        this.dimension = dimension;
        this.distance = distance;
        this.kernels = kernels;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Distance distance() {
        return distance;
    }

    @Override
    public synchronized int add(float[] vector) {
        vectors.add(distance.normalizes() ? Distance.normalized(kernels, vector) : vector.clone());
        return vectors.size() - 1;
    }

    @Override
    public synchronized void delete(int ordinal) {
        deleted.set(ordinal);
    }

    @Override
    public synchronized boolean isDeleted(int ordinal) {
        return deleted.get(ordinal);
    }

    @Override
    public synchronized float[] vector(int ordinal) {
        return vectors.get(ordinal).clone();
    }

    @Override
    public synchronized int size() {
        return vectors.size();
    }

    @Override
    public synchronized int liveCount() {
        return vectors.size() - deleted.cardinality();
    }

    @Override
    public SearchHits search(float[] query, int k, int ef, IntPredicate accept) {
        return exactSearch(query, k, accept);
    }

    @Override
    public synchronized SearchHits exactSearch(float[] query, int k, int[] candidates, int count) {
        float[] q = distance.normalizes() ? Distance.normalized(kernels, query) : query;
        PriorityQueue<float[]> heap = new PriorityQueue<>((a, b) -> Float.compare(a[0], b[0]));
        for (int i = 0; i < count; i++) {
            offer(heap, q, candidates[i], k);
        }
        return drain(heap, count);
    }

    @Override
    public synchronized SearchHits exactSearch(float[] query, int k, IntPredicate accept) {
        float[] q = distance.normalizes() ? Distance.normalized(kernels, query) : query;
        PriorityQueue<float[]> heap = new PriorityQueue<>((a, b) -> Float.compare(a[0], b[0]));
        for (int ord = 0; ord < vectors.size(); ord++) {
            if (accept == null || accept.test(ord)) {
                offer(heap, q, ord, k);
            }
        }
        return drain(heap, vectors.size());
    }

    private void offer(PriorityQueue<float[]> heap, float[] q, int ord, int k) {
        if (deleted.get(ord)) {
            return;
        }
        float sim = distance.similarity(kernels, q, 0, vectors.get(ord), 0, dimension);
        heap.add(new float[] {sim, ord});
        if (heap.size() > k) {
            heap.poll();
        }
    }

    private static SearchHits drain(PriorityQueue<float[]> heap, int visited) {
        int n = heap.size();
        int[] ords = new int[n];
        float[] sims = new float[n];
        for (int i = n - 1; i >= 0; i--) {
            float[] e = heap.poll();
            sims[i] = e[0];
            ords[i] = (int) e[1];
        }
        return new SearchHits(ords, sims, n, visited);
    }

    @Override
    public synchronized long ramBytesUsed() {
        return (long) vectors.size() * (dimension * 4L + 16);
    }
}
