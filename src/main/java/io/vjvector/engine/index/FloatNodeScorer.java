package io.vjvector.engine.index;

/** Scores nodes by their full-precision vectors, the query being {@code q[qOffset..+dimension)}. */
final class FloatNodeScorer implements NodeScorer {

    private final VectorStore store;
    private final VectorSimilarity similarity;
    private final float[] q;
    private final int qOffset;
    private final int dimension;
    /** Bytes between two touched bytes of a record: ~8 touches per vector, at least a cache line apart. */
    private final int touchStride;
    /** Where a stored vector is decoded before the kernel reads it (this thread's scratch). */
    private final float[] decoded;

    FloatNodeScorer(VectorStore store, VectorSimilarity similarity, float[] q, int qOffset) {
        this.store = store;
        this.similarity = similarity;
        this.q = q;
        this.qOffset = qOffset;
        this.dimension = store.dimension();
        this.touchStride = Math.max(64, (store.recordBytes() / 8 + 63) & ~63);
        this.decoded = SearchScratch.forThread(0).vector(dimension);
    }

    @Override
    public float score(int node) {
        store.read(node, decoded, 0);
        return similarity.compare(q, qOffset, decoded, 0, dimension);
    }

    @Override
    public void score(int[] nodes, int count, float[] out, SearchScratch scratch) {
        touch(nodes, count, scratch);
        for (int j = 0; j < count; j++) {
            store.read(nodes[j], decoded, 0);
            out[j] = similarity.compare(q, qOffset, decoded, 0, dimension);
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
            sink ^= store.touch(batch[j], touchStride);
        }
        scratch.touchSink ^= sink;
    }
}
