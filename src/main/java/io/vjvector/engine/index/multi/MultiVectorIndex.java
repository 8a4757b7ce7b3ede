package io.vjvector.engine.index.multi;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.SearchHits;
import io.vjvector.engine.index.Tombstones;
import io.vjvector.engine.index.VectorIndex;
import io.vjvector.engine.index.VectorIndexes;
import io.vjvector.engine.kernels.VectorKernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Multivectors of one shard (Qdrant's {@code multivector_config: {comparator: "max_sim"}}),
 * addressed by dense point ordinals in insertion order, with late-interaction search.
 *
 * <p><b>Score.</b> MaxSim as Qdrant's {@code score_max_similarity} computes it: for every query
 * row, the best similarity to any of the point's rows, summed over the query rows (in query-row
 * order, in float). The row similarity is Qdrant's internal one, higher is better: the dot product
 * (Dot; Cosine on rows normalised on insert and per query), the <em>negated squared</em> Euclidean
 * distance (Euclid) and the negated L1 distance (Manhattan) — exactly {@link
 * Distance#similarity}. {@link SearchHits} carry that sum; {@code distance().toScore(sum)} is the
 * score Qdrant reports, because Qdrant post-processes the <em>sum</em>, not each row: Euclid
 * reports {@code sqrt(|sum|)} (the root of the summed squared distances, not a sum of
 * distances), Manhattan {@code |sum|}. Qdrant documents this Euclid quirk in its own source
 * (its Python client's local mode copies it) and keeps it for compatibility; so do we.
 *
 * <p><b>Index.</b> All rows of all points live in one row index (an {@link
 * io.vjvector.engine.index.HnswIndex}, or a flat index when the config asks for exact search
 * only) with a row → point table. A search finds each query row's {@code max(ef, k)} nearest rows,
 * unions their points as candidates and rescores the candidates exactly with MaxSim; it falls back
 * to {@link #exactSearch} when the row index has no graph, when a filter keeps fewer than {@value
 * #MIN_GRAPH_FILTER_FRACTION} of the points or an estimated {@value #EXACT_POINTS} points or fewer
 * (estimated from a sample: a graph walk through mostly rejected rows costs more than scoring the
 * few accepted points), or when the candidates are fewer than {@code k}.
 *
 * <p><b>Recall</b> (recall@10 against {@link #exactSearch}, seeded, Cosine, 32 dimensions). Each
 * query row takes its {@value #ROW_CANDIDATE_FACTOR}{@code ·max(ef, k)} nearest rows, not just
 * {@code max(ef, k)}: a point's MaxSim is a sum of many per-row maxima, so the best point is often
 * not among any single query row's nearest few rows. When the rows of a point come from one topic
 * (each point and query draws its rows from one of 64 small Gaussian mixtures, as the tokens of a
 * passage share its subject), recall is 1.00 already at ef 16 while rescoring about 1.5 % of 8,000
 * points (MultiVectorIndexTest asserts 0.95 at ef 32 on 2,500 such points, filtered and not). When every row is drawn
 * independently from one 32-cluster mixture (no coherence inside a point: the hard case), recall
 * is 0.82 at ef 64 (16 % of the points rescored) and 0.98 at ef 128 (29 %); such data needs a
 * larger ef, or an exact search while the collection is small.
 *
 * <p><b>Concurrency</b>, as for {@link VectorIndex}: adds (from several threads), deletes and
 * searches run concurrently; a search sees the adds completed before it started; a deleted or
 * absent ordinal is never returned. {@link #write} needs no add or delete to run meanwhile.
 */
public final class MultiVectorIndex {

    /** Below this share of accepted points a filtered graph walk mostly visits rejected rows. */
    static final double MIN_GRAPH_FILTER_FRACTION = 0.02;
    /** Up to this many accepted points an exact MaxSim scan is cheaper than a graph search per query row. */
    static final int EXACT_POINTS = 500;
    /** Nearest rows taken per query row, as a multiple of {@code max(ef, k)} (see the class comment). */
    static final int ROW_CANDIDATE_FACTOR = 4;
    /** Ordinals tested to estimate a filter's selectivity. */
    private static final int FILTER_SAMPLE = 512;

    private final IndexConfig config;
    private final VectorKernels kernels;
    private final VectorIndex rows;
    private final PointRows points = new PointRows();
    private final Tombstones deleted = new Tombstones();
    private final Object allocationLock = new Object();
    private final AtomicInteger withVector = new AtomicInteger();
    private final AtomicInteger deletedWithVector = new AtomicInteger();
    private volatile int size;

    /**
     * An empty index.
     *
     * @param config row dimension, row distance and the row graph's parameters ({@code exactOnly}:
     *               no graph, every search is exact)
     */
    public MultiVectorIndex(IndexConfig config, VectorKernels kernels) {
        this(config, kernels, VectorIndexes.create(config, kernels));
    }

    /** An index over an existing row index (a checkpoint's), with no points yet. */
    MultiVectorIndex(IndexConfig config, VectorKernels kernels, VectorIndex rows) {
        this.config = config;
        this.kernels = kernels;
        this.rows = rows;
    }

    /** Components per row. */
    public int dimension() {
        return config.dimension();
    }

    /** The row distance. */
    public Distance distance() {
        return config.distance();
    }

    IndexConfig config() {
        return config;
    }

    VectorIndex rowIndex() {
        return rows;
    }

    PointRows pointRows() {
        return points;
    }

    Tombstones tombstones() {
        return deleted;
    }

    /**
     * Stores {@code v} (rows normalised first for Cosine) and returns its new ordinal.
     *
     * @throws IllegalArgumentException if its rows do not have {@link #dimension()} components
     */
    public int add(MultiVector v) {
        float[][] prepared = prepare(v);
        int point = allocate();
        int[] rowOrdinals = new int[prepared.length];
        int added = 0;
        try {
            for (; added < prepared.length; added++) {
                rowOrdinals[added] = rows.addPrepared(prepared[added]);
                points.setOwner(rowOrdinals[added], point);
            }
        } catch (RuntimeException e) {
            // The ordinal stays taken but holds no vector; its rows must not surface in row searches.
            for (int i = 0; i < added; i++) {
                rows.delete(rowOrdinals[i]);
            }
            throw e;
        }
        points.publish(point, rowOrdinals);
        withVector.incrementAndGet();
        return point;
    }

    /**
     * Takes the next ordinal for a point that has no vector of this name: it keeps the ordinals of
     * a shard's vectors aligned, is never returned by a search, and {@link #vector} gives null.
     */
    public int addAbsent() {
        return allocate();
    }

    private int allocate() {
        synchronized (allocationLock) {
            int point = size;
            if (point == Integer.MAX_VALUE) {
                throw new IllegalStateException("index is full (2^31-1 points)");
            }
            size = point + 1;
            return point;
        }
    }

    /** Marks {@code ordinal} deleted (its rows too); idempotent. */
    public void delete(int ordinal) {
        checkOrdinal(ordinal);
        if (!deleted.delete(ordinal)) {
            return;
        }
        int[] owned = points.rows(ordinal);
        if (owned != null) {
            for (int row : owned) {
                rows.delete(row);
            }
            deletedWithVector.incrementAndGet();
        }
    }

    public boolean isDeleted(int ordinal) {
        return deleted.isDeleted(ordinal);
    }

    /** A copy of the stored rows of {@code ordinal} (normalised for Cosine), or null if it has none. */
    public MultiVector vector(int ordinal) {
        checkOrdinal(ordinal);
        int[] owned = points.rows(ordinal);
        if (owned == null) {
            return null;
        }
        float[][] out = new float[owned.length][];
        for (int i = 0; i < owned.length; i++) {
            out[i] = rows.vector(owned[i]);
        }
        return new MultiVector(out);
    }

    /** Number of ordinals ever assigned, deleted and absent ones included. */
    public int size() {
        return size;
    }

    /** Number of ordinals that hold a multivector and are not deleted. */
    public int liveCount() {
        return withVector.get() - deletedWithVector.get();
    }

    /** Rows ever stored, deleted ones included. */
    public int rowCount() {
        return rows.size();
    }

    /** Heap held by rows, row graph, point tables and tombstones. */
    public long ramBytesUsed() {
        return rows.ramBytesUsed() + points.ramBytesUsed() + deleted.ramBytesUsed();
    }

    /**
     * Approximate top-{@code k} by MaxSim (see the class comment for how candidates are found and
     * when it scans exactly instead).
     *
     * @param ef     nearest rows taken per query row ({@code max(ef, k)}), and the graph's beam width
     * @param accept extra restriction on point ordinals (a filter's allow-set), or null for all
     * @return point ordinals with their MaxSim (higher is better), best first; {@code visited}
     *         counts row-graph similarities plus points rescored
     */
    public SearchHits search(MultiVector query, int k, int ef, IntPredicate accept) {
        float[][] q = prepare(query);
        if (k <= 0 || size == 0) {
            return SearchHits.EMPTY;
        }
        if (rows.graphM() == 0 || (accept != null && filterIsSelective(accept))) {
            return exact(q, k, accept);
        }
        IntPredicate rowAccept = accept == null ? null : row -> {
            int owner = points.owner(row);
            return owner >= 0 && accept.test(owner);
        };
        int perRow = (int) Math.min(Integer.MAX_VALUE, (long) ROW_CANDIDATE_FACTOR * Math.max(ef, k));
        int[] candidates = new int[0];
        int count = 0;
        int visited = 0;
        for (float[] queryRow : q) {
            SearchHits near = rows.search(queryRow, perRow, perRow, rowAccept);
            visited += near.visited();
            if (count + near.count() > candidates.length) {
                candidates = Arrays.copyOf(candidates, Math.max(2 * candidates.length, count + near.count()));
            }
            for (int i = 0; i < near.count(); i++) {
                int owner = points.owner(near.ordinal(i));
                if (owner >= 0) {
                    candidates[count++] = owner;
                }
            }
        }
        int distinct = sortDistinct(candidates, count);
        if (distinct < k) {
            return exact(q, k, accept);
        }
        TopK top = new TopK(k, distinct);
        int scored = 0;
        for (int i = 0; i < distinct; i++) {
            int point = candidates[i];
            int[] owned = points.rows(point);
            if (owned == null || deleted.isDeleted(point) || (accept != null && !accept.test(point))) {
                continue;
            }
            top.offer(point, maxSim(q, owned));
            scored++;
        }
        return top.drain(visited + scored);
    }

    /** Sorts {@code a[0..count)} and moves its distinct values to the front; returns how many. */
    private static int sortDistinct(int[] a, int count) {
        Arrays.sort(a, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || a[i] != a[distinct - 1]) {
                a[distinct++] = a[i];
            }
        }
        return distinct;
    }

    /** Exact top-{@code k} by MaxSim over the live points accepted by {@code accept} (null = all). */
    public SearchHits exactSearch(MultiVector query, int k, IntPredicate accept) {
        return exact(prepare(query), k, accept);
    }

    private SearchHits exact(float[][] q, int k, IntPredicate accept) {
        int n = size;
        TopK top = new TopK(k, n);
        int scored = 0;
        for (int point = 0; point < n; point++) {
            int[] owned = points.rows(point);
            if (owned == null || deleted.isDeleted(point) || (accept != null && !accept.test(point))) {
                continue;
            }
            top.offer(point, maxSim(q, owned));
            scored++;
        }
        return top.drain(scored);
    }

    /**
     * MaxSim of prepared query rows against a point's rows, summed in query-row order as Qdrant
     * does so that equal inputs give equal floats.
     */
    private float maxSim(float[][] q, int[] owned) {
        float sum = 0f;
        for (float[] queryRow : q) {
            float best = Float.NEGATIVE_INFINITY;
            for (int row : owned) {
                float s = rows.similarityTo(queryRow, row);
                if (s > best) {
                    best = s;
                }
            }
            sum += best;
        }
        return sum;
    }

    /**
     * Whether {@code accept} keeps so few points that an exact scan beats the graph, judged on an
     * evenly spaced sample of ordinals that hold a live vector.
     */
    private boolean filterIsSelective(IntPredicate accept) {
        int n = size;
        int step = Math.max(1, n / FILTER_SAMPLE);
        int sampled = 0;
        int accepted = 0;
        for (int point = 0; point < n; point += step) {
            if (points.rows(point) == null || deleted.isDeleted(point)) {
                continue;
            }
            sampled++;
            if (accept.test(point)) {
                accepted++;
            }
        }
        if (accepted == 0) {
            return true;
        }
        double fraction = (double) accepted / sampled;
        return fraction < MIN_GRAPH_FILTER_FRACTION || fraction * liveCount() <= EXACT_POINTS;
    }

    /** Checked rows, normalised for Cosine; the caller's arrays are never changed. */
    private float[][] prepare(MultiVector v) {
        if (v.dimension() != config.dimension()) {
            throw new IllegalArgumentException("multivector rows have " + v.dimension()
                    + " dimensions, index expects " + config.dimension());
        }
        float[][] in = v.rows();
        if (!config.distance().normalizes()) {
            return in;
        }
        float[][] out = new float[in.length][];
        for (int i = 0; i < in.length; i++) {
            out[i] = Distance.normalized(kernels, in[i]);
        }
        return out;
    }

    private void checkOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= size) {
            throw new IndexOutOfBoundsException("ordinal " + ordinal + " of " + size);
        }
    }

    /** Restores a checkpointed point (rows already in the row index): used by {@link MultiVectorCheckpoint}. */
    void restore(int[] owned, boolean isDeleted) {
        int point = allocate();
        if (owned != null) {
            for (int row : owned) {
                points.setOwner(row, point);
            }
            points.publish(point, owned);
            withVector.incrementAndGet();
        }
        if (isDeleted) {
            delete(point);
        }
    }

    /**
     * Writes the whole index (format in {@link MultiVectorCheckpoint}). No add or delete may run
     * meanwhile; searches may.
     */
    public void write(DataOutput out) throws IOException {
        MultiVectorCheckpoint.write(this, out);
    }

    /**
     * Reads an index written by {@link #write}, refusing anything whose sizes could not fit in the
     * heap this JVM may still use. Prefer {@link #read(DataInput, VectorKernels, long)} when the
     * number of bytes available is known (a file's length).
     *
     * @throws IOException if the data is not such an index, is damaged or is of another version
     */
    public static MultiVectorIndex read(DataInput in, VectorKernels kernels) throws IOException {
        Runtime rt = Runtime.getRuntime();
        return read(in, kernels, rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()));
    }

    /**
     * {@link #read(DataInput, VectorKernels)} from a source with at most {@code maxBytes} left: any
     * count that would need more is refused before anything is allocated for it.
     */
    public static MultiVectorIndex read(DataInput in, VectorKernels kernels, long maxBytes) throws IOException {
        return MultiVectorCheckpoint.read(in, kernels, maxBytes);
    }
}
