package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;
import java.util.function.IntPredicate;

/**
 * Approximate nearest-neighbour index: a hierarchical navigable small-world graph (Malkov &amp;
 * Yashunin) laid out like hnswlib's, over a paged flat {@link VectorStore}.
 *
 * <p>Adds from several threads build the graph concurrently; searches run concurrently with adds
 * and deletes and see every add that completed before they started. Deletes are tombstones: a
 * deleted node still routes searches (so the graph stays connected) but is never returned.
 * Filtered searches walk through rejected nodes and collect only accepted ones, which works well
 * while a filter keeps more than a few percent of the points; for more selective filters callers
 * should use {@link #exactSearch(float[], int, int[], int)} over the allow-list.
 */
public final class HnswIndex extends StoredVectorIndex {

    /** Fixed so that the same insertion order always yields the same levels. */
    private static final long LEVEL_SEED = 0x5DEECE66DL;
    static final int MAX_LEVEL = 30;

    private final HnswGraph graph;
    private final HnswSearcher searcher;
    private final HnswInserter inserter;
    private final double levelMultiplier;
    private final Object allocationLock = new Object();

    /** An index for {@code config} (its {@code exactOnly} flag is ignored here). */
    public HnswIndex(IndexConfig config, VectorKernels kernels) {
        super(config.dimension(), config.distance(), kernels);
        this.graph = new HnswGraph(config.m());
        this.searcher = new HnswSearcher(graph, store, similarity);
        this.inserter = new HnswInserter(graph, store, searcher, new NeighborSelector(store, similarity),
                config.efConstruct());
        this.levelMultiplier = 1.0 / Math.log(config.m());
    }

    @Override
    public int graphM() {
        return graph.m();
    }

    @Override
    int allocate(float[] prepared, boolean absent) {
        synchronized (allocationLock) {
            int node = store.size();
            if (absent) {
                // Level 0 and never linked: no search can reach it, and it holds no upper-level lists.
                tombstones.delete(node);
                graph.allocate(node, 0);
            } else {
                graph.allocate(node, randomLevel(node));
            }
            store.append(prepared);
            return node;
        }
    }

    @Override
    public void link(int ordinal) {
        if (!tombstones.isDeleted(ordinal)) {
            inserter.insert(ordinal);
        }
    }

    /**
     * hnswlib's level distribution, floor(-ln(U) / ln(m)), with U drawn from a hash of the ordinal
     * so that levels do not depend on which thread inserts what.
     */
    private int randomLevel(int node) {
        long z = LEVEL_SEED + (node + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        double u = ((z >>> 11) + 1) * 0x1.0p-53;
        return (int) Math.min(MAX_LEVEL, -Math.log(u) * levelMultiplier);
    }

    /**
     * Graph search: greedy descent of the upper levels, then a beam of width {@code max(ef, k)}
     * on level 0, returning its best {@code k} live, accepted nodes.
     */
    @Override
    public SearchHits search(float[] query, int k, int ef, IntPredicate accept) {
        float[] q = prepareQuery(query);
        HnswGraph.EntryPoint entry = graph.entryPoint();
        if (k <= 0 || entry == null) {
            return SearchHits.EMPTY;
        }
        SearchScratch scratch = SearchScratch.forThread(0);
        scratch.scored = 1;
        float entrySimilarity = searcher.similarity(q, 0, entry.node());
        long start = searcher.descend(q, 0, entry.node(), entrySimilarity, entry.level(), 1, scratch);
        searcher.searchLayer(q, 0, NeighborQueue.decodeOrdinal(start), NeighborQueue.decodeSimilarity(start),
                Math.max(ef, k), 0, liveFilter(accept), scratch);
        return scratch.results.drainToHits(k, scratch.scored);
    }

    /** {@code accept} restricted to live nodes; null (no per-node check) while nothing is deleted. */
    private IntPredicate liveFilter(IntPredicate accept) {
        if (!tombstones.any()) {
            return accept;
        }
        Tombstones t = tombstones;
        return accept == null ? n -> !t.isDeleted(n) : n -> !t.isDeleted(n) && accept.test(n);
    }

    HnswGraph graph() {
        return graph;
    }

    /**
     * Vectors, links on every level, tombstones and locks. Per-thread search scratch is shared by
     * all indexes a thread searches and is not counted here.
     */
    @Override
    public long ramBytesUsed() {
        return super.ramBytesUsed() + graph.ramBytesUsed() + inserter.ramBytesUsed();
    }
}
