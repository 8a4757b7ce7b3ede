package io.vjvector.engine.index.sparse;

import io.vjvector.engine.index.NeighborQueue;
import io.vjvector.engine.index.SearchHits;
import io.vjvector.engine.index.Tombstones;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * The sparse vectors of one shard under one vector name, addressed by dense ordinals assigned in
 * insertion order (like {@link io.vjvector.engine.index.VectorIndex}), with an inverted index:
 * one {@link PostingList} per dimension.
 *
 * <p>Search is exact, as Qdrant's sparse search is: the top-k by dot product among the live
 * ordinals that share at least one dimension with the query. Only those are candidates because
 * candidates come from the query dimensions' posting lists (Qdrant's sparse {@code SearchContext}
 * and its plain search both score only points found in those lists), so a point with no dimension
 * in common is never returned, not even with score 0, while one that shares a dimension is
 * returned whatever its score (0 or negative included). The cost is proportional to the postings
 * of the query dimensions, not to the shard.
 *
 * <p>Concurrency: one writer at a time ({@link #add}, {@link #addAbsent}, {@link #delete} are
 * serialised on this object; the shard calls them under its lock anyway) and any number of
 * lock-free readers. A vector's postings are all appended before {@link #size()} is published,
 * and a search ignores ordinals at or above the size it read first, so it never sees a
 * half-added vector. Deleted ordinals are never returned.
 *
 * <p>Document frequencies are kept per dimension so that IDF costs nothing at query time; the
 * collection sums them over shards and applies {@link #idf} to the query before searching.
 */
public final class SparseIndex {

    /** The largest ordinal count: array lengths stay below the VM's limit. */
    static final int MAX_ORDINALS = Integer.MAX_VALUE - 16;

    private final ConcurrentHashMap<Integer, PostingList> postings = new ConcurrentHashMap<>();
    private final Tombstones tombstones = new Tombstones();
    /** Vector per ordinal, null for an ordinal reserved by {@link #addAbsent}; copy-on-grow. */
    private volatile SparseVector[] vectors = new SparseVector[16];
    private volatile int size;
    /** Ordinals that have a vector, deleted ones included. */
    private volatile int present;
    /** Deleted ordinals that have a vector. */
    private volatile int deletedPresent;
    private volatile long vectorBytes;

    /**
     * Stores {@code vector} (immutable, so kept as it is) and returns its new ordinal. An empty
     * vector is stored too: the point has this vector, it just matches no query.
     */
    public synchronized int add(SparseVector vector) {
        int ordinal = reserve();
        for (int i = 0; i < vector.size(); i++) {
            postings.computeIfAbsent(vector.index(i), d -> new PostingList()).append(ordinal, vector.value(i));
        }
        SparseVector[] slots = vectors;
        slots[ordinal] = vector;
        present = present + 1;
        vectorBytes = vectorBytes + vector.ramBytesUsed();
        size = ordinal + 1;
        return ordinal;
    }

    /**
     * Reserves the next ordinal for a point that lacks this sparse vector: searches never return
     * it and {@link #vector} returns null for it.
     */
    public synchronized int addAbsent() {
        int ordinal = reserve();
        size = ordinal + 1;
        return ordinal;
    }

    /** The next ordinal, with room for it in {@link #vectors} (published before the size). */
    private int reserve() {
        int ordinal = size;
        if (ordinal >= MAX_ORDINALS) {
            throw new IllegalStateException("sparse index is full (" + MAX_ORDINALS + " ordinals)");
        }
        SparseVector[] slots = vectors;
        if (ordinal == slots.length) {
            vectors = Arrays.copyOf(slots, (int) Math.min(MAX_ORDINALS, slots.length * 2L));
        }
        return ordinal;
    }

    /** Marks {@code ordinal} deleted (a tombstone); idempotent. */
    public synchronized void delete(int ordinal) {
        checkOrdinal(ordinal);
        if (!tombstones.delete(ordinal)) {
            return;
        }
        SparseVector vector = vectors[ordinal];
        if (vector != null) {
            for (int i = 0; i < vector.size(); i++) {
                postings.get(vector.index(i)).entryDeleted();
            }
            deletedPresent = deletedPresent + 1;
        }
    }

    public boolean isDeleted(int ordinal) {
        return tombstones.isDeleted(ordinal);
    }

    /**
     * The vector stored for {@code ordinal} (also after a delete, like the dense indexes), or
     * null if the ordinal was reserved by {@link #addAbsent}.
     *
     * @throws IndexOutOfBoundsException if {@code ordinal} was never assigned
     */
    public SparseVector vector(int ordinal) {
        checkOrdinal(ordinal);
        return vectors[ordinal];
    }

    /** Number of ordinals ever assigned, deleted and absent ones included. */
    public int size() {
        return size;
    }

    /** Number of ordinals that have a vector and are not deleted: the N of IDF. */
    public int liveCount() {
        return present - deletedPresent;
    }

    /**
     * Number of live ordinals whose vector has {@code index} (a stored entry, whatever its value:
     * Qdrant's document frequency is the posting list's length, zero values included).
     */
    public int documentFrequency(int index) {
        PostingList list = postings.get(index);
        return list == null ? 0 : list.live();
    }

    /**
     * Qdrant's IDF for the {@code idf} modifier: {@code ln((n - df + 0.5) / (df + 0.5) + 1)}, in
     * 32-bit floats as Qdrant computes it ({@code fancy_idf} in its segment crate's query context,
     * applied to each query value; {@code n} is the number of indexed vectors, {@code df} the
     * length of the dimension's posting list). Always positive, also when {@code df > n / 2}.
     *
     * @param n  vectors in the collection (the sum of every shard's {@link #liveCount()})
     * @param df vectors having the dimension (the sum of every shard's {@link #documentFrequency})
     */
    public static float idf(long n, long df) {
        float nf = n;
        float dff = df;
        return (float) Math.log((nf - dff + 0.5f) / (dff + 0.5f) + 1f);
    }

    /**
     * Exact top-{@code k} by dot product (raw, higher is better) over the live ordinals accepted
     * by {@code accept} (null = all) that share at least one dimension with {@code query}. Ties go
     * to the lower ordinal. {@link SearchHits#visited()} counts the candidates scored.
     */
    public SearchHits search(SparseVector query, int k, IntPredicate accept) {
        if (k <= 0) {
            return SearchHits.EMPTY;
        }
        ScoreAccumulator scores = accumulate(query);
        return scores == null ? SearchHits.EMPTY : topK(scores, k, accept);
    }

    /**
     * As {@link #search(SparseVector, int, IntPredicate)}, with equal scores in {@code tieOrder}
     * instead of by ordinal, also at the cut: of the candidates that share the k-th score, those
     * first in {@code tieOrder} are kept. Ordinals follow the order points were added in, which
     * differs between copies and runs; ordering ties by something of the point's own (its id) makes
     * the same points come back in the same order wherever they were added from.
     *
     * @param tieOrder compares two ordinals of equal score
     */
    public SearchHits search(SparseVector query, int k, IntPredicate accept, Comparator<Integer> tieOrder) {
        if (k <= 0) {
            return SearchHits.EMPTY;
        }
        ScoreAccumulator scores = accumulate(query);
        if (scores == null) {
            return SearchHits.EMPTY;
        }
        return orderTies(scores, topK(scores, k, accept), k, accept, tieOrder);
    }

    /** Each candidate's dot product with {@code query}; null when no posting list holds a query dimension. */
    private ScoreAccumulator accumulate(SparseVector query) {
        if (query.size() == 0) {
            return null;
        }
        // Read the size first: every posting entry below it is complete (see the class comment).
        int limit = size;
        PostingList[] lists = new PostingList[query.size()];
        int[] counts = new int[query.size()];
        PostingList.Block[] blocks = new PostingList.Block[query.size()];
        long total = 0;
        for (int q = 0; q < query.size(); q++) {
            PostingList list = postings.get(query.index(q));
            if (list != null) {
                lists[q] = list;
                counts[q] = list.count();
                blocks[q] = list.block();
                total += counts[q];
            }
        }
        if (total == 0) {
            return null;
        }
        ScoreAccumulator scores = new ScoreAccumulator((int) Math.min(total, limit));
        // Dimensions in ascending order, so each ordinal's sum is built in the same order as
        // SparseVector.dot builds it.
        for (int q = 0; q < lists.length; q++) {
            if (lists[q] == null) {
                continue;
            }
            float weight = query.value(q);
            int[] ordinals = blocks[q].ordinals();
            float[] values = blocks[q].values();
            for (int i = 0; i < counts[q]; i++) {
                int ordinal = ordinals[i];
                if (ordinal >= limit) {
                    break;
                }
                scores.add(ordinal, weight * values[i]);
            }
        }
        return scores;
    }

    private SearchHits topK(ScoreAccumulator scores, int k, IntPredicate accept) {
        boolean checkDeleted = tombstones.any();
        NeighborQueue top = new NeighborQueue(Math.min(k, scores.size()), false);
        int scored = 0;
        for (int slot = 0; slot < scores.capacity(); slot++) {
            int ordinal = scores.ordinalAt(slot);
            if (ordinal < 0 || (checkDeleted && tombstones.isDeleted(ordinal))
                    || (accept != null && !accept.test(ordinal))) {
                continue;
            }
            scored++;
            top.insertWithOverflow(ordinal, scores.sumAt(slot), k);
        }
        return top.drainToHits(k, scored);
    }

    /**
     * {@code top} (exact, best first) with its ties in {@code tieOrder}. Every candidate scoring
     * above the last hit's score is already in {@code top}; when {@code top} is full, the
     * candidates sharing that last score compete for its remaining places, so they are gathered
     * from {@code scores} again and the first in {@code tieOrder} win.
     */
    private SearchHits orderTies(ScoreAccumulator scores, SearchHits top, int k, IntPredicate accept,
                                 Comparator<Integer> tieOrder) {
        int n = top.count();
        if (n == 0) {
            return top;
        }
        List<Integer> ordinals = new ArrayList<>(n);
        List<Float> similarities = new ArrayList<>(n);
        float cut = top.similarity(n - 1);
        for (int i = 0; i < n; i++) {
            if (n < k || top.similarity(i) != cut) {
                ordinals.add(top.ordinal(i));
                similarities.add(top.similarity(i));
            }
        }
        if (n == k) {
            boolean checkDeleted = tombstones.any();
            for (int slot = 0; slot < scores.capacity(); slot++) {
                int ordinal = scores.ordinalAt(slot);
                if (ordinal >= 0 && scores.sumAt(slot) == cut && !(checkDeleted && tombstones.isDeleted(ordinal))
                        && (accept == null || accept.test(ordinal))) {
                    ordinals.add(ordinal);
                    similarities.add(cut);
                }
            }
        }
        Integer[] order = new Integer[ordinals.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -similarities.get(i))
                .thenComparing(i -> ordinals.get(i), tieOrder));
        int kept = Math.min(k, order.length);
        int[] outOrdinals = new int[kept];
        float[] outSimilarities = new float[kept];
        for (int i = 0; i < kept; i++) {
            outOrdinals[i] = ordinals.get(order[i]);
            outSimilarities[i] = similarities.get(order[i]);
        }
        return new SearchHits(outOrdinals, outSimilarities, kept, top.visited());
    }

    /** Heap bytes of vectors, postings and tombstones (estimated per object), for metrics. */
    public long ramBytesUsed() {
        long bytes = 16L + 4L * vectors.length + vectorBytes + tombstones.ramBytesUsed();
        for (PostingList list : postings.values()) {
            // the map's node and boxed key besides the list itself
            bytes += 48L + list.ramBytesUsed();
        }
        return bytes;
    }

    /**
     * Writes the vectors and tombstones in the layout of docs/storage-format.md ("Sparse index").
     * Takes a consistent snapshot first, so adds and deletes may go on while this writes.
     */
    public void write(DataOutput out) throws IOException {
        int snapshotSize;
        SparseVector[] snapshotVectors;
        long[] deleted;
        synchronized (this) {
            snapshotSize = size;
            snapshotVectors = vectors;
            deleted = tombstones.words(snapshotSize);
        }
        SparseIndexCodec.write(out, snapshotVectors, snapshotSize, deleted);
    }

    /**
     * Reads an index written by {@link #write}.
     *
     * @throws IOException if the data is not a sparse index this version reads: wrong magic or
     *                     version, a count out of range, a vector that is not canonical, a
     *                     tombstone beyond the vectors, or the end of the input reached early
     */
    public static SparseIndex read(DataInput in) throws IOException {
        return SparseIndexCodec.read(in);
    }

    private void checkOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= size) {
            throw new IndexOutOfBoundsException("ordinal " + ordinal + " of " + size);
        }
    }
}
