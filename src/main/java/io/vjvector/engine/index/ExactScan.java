package io.vjvector.engine.index;

import java.util.function.IntPredicate;

/**
 * Exact top-k by scoring every eligible stored vector: the whole of {@link FlatIndex}, the
 * recall reference, and the fallback of {@link HnswIndex} for very selective filters.
 */
final class ExactScan {

    private final VectorStore store;
    private final Tombstones tombstones;
    private final VectorSimilarity similarity;

    ExactScan(VectorStore store, Tombstones tombstones, VectorSimilarity similarity) {
        this.store = store;
        this.tombstones = tombstones;
        this.similarity = similarity;
    }

    /** Top-{@code k} over all live ordinals accepted by {@code accept} (null = all). */
    SearchHits search(float[] query, int k, IntPredicate accept) {
        if (k <= 0) {
            return SearchHits.EMPTY;
        }
        int size = store.size();
        boolean checkDeleted = tombstones.any();
        int dim = store.dimension();
        NeighborQueue top = new NeighborQueue(k, false);
        float[] vector = SearchScratch.forThread(0).vector(dim);
        float floor = Float.NEGATIVE_INFINITY;
        int scored = 0;
        for (int ord = 0; ord < size; ord++) {
            if ((checkDeleted && tombstones.isDeleted(ord)) || (accept != null && !accept.test(ord))) {
                continue;
            }
            store.read(ord, vector, 0);
            float sim = similarity.compare(query, 0, vector, 0, dim);
            scored++;
            if (sim >= floor && top.insertWithOverflow(ord, sim, k) && top.size() == k) {
                floor = top.topSimilarity();
            }
        }
        return top.drainToHits(k, scored);
    }

    /**
     * Top-{@code k} over the live ordinals among {@code candidates[0..count)}; ordinals outside
     * {@code [0, size)} are not live and are skipped. Candidates are expected to be distinct.
     */
    SearchHits search(float[] query, int k, int[] candidates, int count) {
        if (k <= 0 || count <= 0) {
            return SearchHits.EMPTY;
        }
        int size = store.size();
        boolean checkDeleted = tombstones.any();
        int dim = store.dimension();
        NeighborQueue top = new NeighborQueue(Math.min(k, count), false);
        float[] vector = SearchScratch.forThread(0).vector(dim);
        float floor = Float.NEGATIVE_INFINITY;
        int scored = 0;
        for (int i = 0; i < count; i++) {
            int ord = candidates[i];
            if (ord < 0 || ord >= size || (checkDeleted && tombstones.isDeleted(ord))) {
                continue;
            }
            store.read(ord, vector, 0);
            float sim = similarity.compare(query, 0, vector, 0, dim);
            scored++;
            if (sim >= floor && top.insertWithOverflow(ord, sim, k) && top.size() == k) {
                floor = top.topSimilarity();
            }
        }
        return top.drainToHits(k, scored);
    }
}
