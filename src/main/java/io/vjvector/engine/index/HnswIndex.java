package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.quantization.QuantizationConfig;
import io.vjvector.engine.quantization.QuantizedSearch;
import java.util.function.IntPredicate;

/**
 * Approximate nearest-neighbour index: a hierarchical navigable small-world graph (Malkov &amp;
 * Yashunin) laid out like hnswlib's, over an off-heap {@link VectorStore}.
 *
 * <p>Adds from several threads build the graph concurrently; searches run concurrently with adds
 * and deletes and see every add that completed before they started. Deletes are tombstones: a
 * deleted node still routes searches (so the graph stays connected) but is never returned.
 * Filtered searches walk through rejected nodes and collect only accepted ones, which works well
 * while a filter keeps more than a few percent of the points; for more selective filters callers
 * should use {@link #exactSearch(float[], int, int[], int)} over the allow-list.
 *
 * <p>With {@link IndexConfig#quantization()} set, graph searches traverse quantized codes of the
 * vectors ({@link QuantizedVectors}) and rescore their best candidates on the full-precision
 * vectors. The graph itself is built on the full-precision vectors. Codes are derived data: they
 * are built by the first quantized search (from every vector stored then, so a loaded or rebuilt
 * index trains on all of its data) and kept up to date by every add after that. Like the vectors
 * they are off the heap: in direct buffers, or mapped from a file when the vectors are
 * ({@link IndexConfig#onDisk()}) and the quantization does not ask for {@code always_ram}.
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
    private final QuantizationConfig quantization;
    private final VectorStorage storage;
    private final boolean codesOnDisk;
    /** Null until the first quantized search (or {@link #buildQuantization()}); replaced when stale. */
    private volatile QuantizedVectors quantized;

    /** An index for {@code config} (its {@code exactOnly} flag is ignored here). */
    public HnswIndex(IndexConfig config, VectorKernels kernels) {
        this(config, Datatype.FLOAT32, kernels);
    }

    /** An index for {@code config} whose vectors are stored at {@code datatype}'s width. */
    public HnswIndex(IndexConfig config, Datatype datatype, VectorKernels kernels) {
        this(config, datatype, kernels, VectorStorage.memory());
    }

    /** An index for {@code config} whose on-disk vectors and codes {@code storage} maps from files. */
    public HnswIndex(IndexConfig config, Datatype datatype, VectorKernels kernels, VectorStorage storage) {
        super(config.dimension(), config.distance(), datatype, kernels, storage, config.onDisk());
        this.graph = new HnswGraph(config.m());
        this.searcher = new HnswSearcher(graph, store, similarity);
        this.inserter = new HnswInserter(graph, store, searcher, new NeighborSelector(store, similarity),
                config.efConstruct());
        this.levelMultiplier = 1.0 / Math.log(config.m());
        this.quantization = config.quantization();
        this.storage = storage;
        this.codesOnDisk = config.codesOnDisk();
    }

    @Override
    public int graphM() {
        return graph.m();
    }

    @Override
    int allocate(float[] components, float scale, boolean absent) {
        synchronized (allocationLock) {
            int node = store.size();
            if (absent) {
                // Level 0 and never linked: no search can reach it, and it holds no upper-level lists.
                tombstones.delete(node);
                graph.allocate(node, 0);
            } else {
                graph.allocate(node, randomLevel(node));
            }
            store.append(components, scale);
            QuantizedVectors codes = quantized;
            if (codes != null) {
                codes.append(store.copy(node), 0);
            }
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
        return graphSearch(searcher.floatScorer(q, 0), k, Math.max(ef, k), accept);
    }

    /**
     * With quantization (and {@code params} not ignoring it): the graph search of
     * {@link #search(float[], int, int, IntPredicate)} over the codes, with a beam of at least
     * {@code params.candidates(k)}; those best candidates are then rescored on the full-precision
     * vectors when {@code params.rescore()}, else the best {@code k} keep the codes' scores.
     */
    @Override
    public SearchHits search(float[] query, int k, int ef, IntPredicate accept, QuantizedSearch params) {
        QuantizedSearch p = params == null ? QuantizedSearch.DEFAULT : params;
        QuantizedVectors codes = quantization == null || p.ignore() ? null : quantizedVectors();
        if (codes == null) {
            return search(query, k, ef, accept);
        }
        float[] q = prepareQuery(query);
        int candidates = Math.max(k, p.candidates(k));
        SearchHits found = graphSearch(codes.scorer(q), p.rescore() ? candidates : k, Math.max(ef, candidates),
                accept);
        return p.rescore() ? rescore(q, found, k) : found;
    }

    private SearchHits graphSearch(NodeScorer scorer, int k, int beam, IntPredicate accept) {
        HnswGraph.EntryPoint entry = graph.entryPoint();
        if (k <= 0 || entry == null) {
            return SearchHits.EMPTY;
        }
        SearchScratch scratch = SearchScratch.forThread(0);
        scratch.scored = 1;
        float entrySimilarity = scorer.score(entry.node());
        long start = searcher.descend(scorer, entry.node(), entrySimilarity, entry.level(), 1, scratch);
        searcher.searchLayer(scorer, NeighborQueue.decodeOrdinal(start), NeighborQueue.decodeSimilarity(start),
                beam, 0, liveFilter(accept), scratch);
        return scratch.results.drainToHits(k, scratch.scored);
    }

    /** The best {@code k} of {@code candidates} by their full-precision similarity to {@code q}. */
    private SearchHits rescore(float[] q, SearchHits candidates, int k) {
        NeighborQueue top = new NeighborQueue(Math.max(1, Math.min(k, candidates.count())), false);
        int dimension = store.dimension();
        float[] vector = SearchScratch.forThread(0).vector(dimension);
        for (int i = 0; i < candidates.count(); i++) {
            int ord = candidates.ordinal(i);
            store.read(ord, vector, 0);
            top.insertWithOverflow(ord, similarity.compare(q, 0, vector, 0, dimension), k);
        }
        return top.drainToHits(k, candidates.visited() + candidates.count());
    }

    /**
     * The codes searches traverse, built from every stored vector when there are none yet or when
     * the vectors they were trained on have become a small part of the index. Building holds the
     * allocation lock, so no vector is added meanwhile and each add after it is encoded.
     */
    private QuantizedVectors quantizedVectors() {
        QuantizedVectors codes = quantized;
        if (codes != null && !codes.stale(store.size())) {
            return codes;
        }
        synchronized (allocationLock) {
            codes = quantized;
            if (store.size() == 0) {
                return null;
            }
            if (codes == null || codes.stale(store.size())) {
                codes = QuantizedVectors.build(quantization, store, distance, kernels,
                        storage.records(QuantizedVectors.recordBytes(quantization, store.dimension()), codesOnDisk,
                                "codes", OffHeapRecords.CODE_PAGE_BYTES));
                quantized = codes;
            }
            return codes;
        }
    }

    /**
     * Builds the quantized codes now rather than in the first quantized search (which then pays
     * for it); nothing without quantization or vectors.
     */
    public void buildQuantization() {
        if (quantization != null) {
            quantizedVectors();
        }
    }

    @Override
    public long quantizedBytesUsed() {
        QuantizedVectors codes = quantized;
        return codes == null ? 0 : codes.records().directBytes() + codes.records().mappedBytes();
    }

    @Override
    public long offHeapBytesUsed() {
        QuantizedVectors codes = quantized;
        return super.offHeapBytesUsed() + (codes == null ? 0 : codes.records().directBytes());
    }

    @Override
    public long mappedBytesUsed() {
        QuantizedVectors codes = quantized;
        return super.mappedBytesUsed() + (codes == null ? 0 : codes.records().mappedBytes());
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
     * Vectors and quantized codes held in memory (not those mapped from files), links on every
     * level, tombstones and locks. Per-thread search scratch is shared by all indexes a thread
     * searches and is not counted here.
     */
    @Override
    public long ramBytesUsed() {
        QuantizedVectors codes = quantized;
        long codeBytes = codes == null ? 0 : codes.records().directBytes() + codes.records().heapBytes();
        return super.ramBytesUsed() + graph.ramBytesUsed() + inserter.ramBytesUsed() + codeBytes;
    }
}
