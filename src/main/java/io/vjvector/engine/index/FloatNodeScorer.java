package io.vjvector.engine.index;

/** Scores nodes by their full-precision vectors, the query being {@code q[qOffset..+dimension)}. */
final class FloatNodeScorer implements NodeScorer {

    private final VectorStore store;
    private final VectorSimilarity similarity;
    private final float[] q;
    private final int qOffset;
    private final int dimension;
    /** Floats between two touched elements of a vector: ~8 touches per vector, at least a cache line apart. */
    private final int touchStride;

    FloatNodeScorer(VectorStore store, VectorSimilarity similarity, float[] q, int qOffset) {
        this.store = store;
        this.similarity = similarity;
        this.q = q;
        this.qOffset = qOffset;
        this.dimension = store.dimension();
        this.touchStride = Math.max(16, (dimension / 8 + 15) & ~15);
    }

    @Override
    public float score(int node) {
        return similarity.compare(q, qOffset, store.page(node), store.offset(node), dimension);
    }

    @Override
    public void score(int[] nodes, int count, float[] out, SearchScratch scratch) {
        touch(nodes, count, scratch);
        for (int j = 0; j < count; j++) {
            int n = nodes[j];
            out[j] = similarity.compare(q, qOffset, store.page(n), store.offset(n), dimension);
        }
    }

    /**
     * Java has no prefetch instruction, so this stands in for hnswlib's: one independent load per
     * few cache lines of every vector about to be scored, issued back to back, so their cache
     * misses overlap instead of being paid one vector at a time inside the kernel (measured: a
     * random 128-d vector from DRAM costs ~10x a cached one). The xor keeps the loads alive.
     */
    private void touch(int[] batch, int count, SearchScratch scratch) {
        int sink = 0;
        for (int j = 0; j < count; j++) {
            int n = batch[j];
            float[] page = store.page(n);
            int offset = store.offset(n);
            for (int x = 0; x < dimension; x += touchStride) {
                sink ^= Float.floatToRawIntBits(page[offset + x]);
            }
        }
        scratch.touchSink ^= sink;
    }
}
