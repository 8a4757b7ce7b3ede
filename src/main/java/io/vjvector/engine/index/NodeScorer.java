package io.vjvector.engine.index;

/**
 * Similarity of one query to stored nodes, as a graph search needs it: the full-precision vectors
 * ({@link FloatNodeScorer}) or their quantized codes ({@link QuantizedVectors#scorer}). Made once
 * per query or insert, so it may hold the query in whatever form its codes compare against.
 */
interface NodeScorer {

    /** Similarity of the query to {@code node}; higher is closer. */
    float score(int node);

    /**
     * Scores {@code nodes[0..count)} into {@code out[0..count)}. Implementations first touch every
     * node's data so the cache misses of the batch overlap (see {@link FloatNodeScorer}).
     */
    void score(int[] nodes, int count, float[] out, SearchScratch scratch);
}
