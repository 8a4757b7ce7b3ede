package io.vjvector.engine.index;

import io.vjvector.engine.quantization.QuantizedSearch;
import java.util.function.IntPredicate;

/**
 * Vectors of one shard, addressed by dense ordinals (0, 1, 2, … in insertion order), and the
 * nearest-neighbour search over them. Implementations are safe for concurrent {@link #add},
 * {@link #delete} and searches. A deleted ordinal is never returned by any search.
 *
 * <p>Vectors are prepared by the index: for {@link Distance#COSINE} it stores and searches unit
 * vectors, so {@link #vector(int)} returns the normalised vector (as Qdrant does).
 */
public interface VectorIndex {

    int dimension();

    Distance distance();

    /** Stores a copy of {@code vector} (length {@link #dimension()}) and returns its new ordinal. */
    int add(float[] vector);

    /**
     * Stores {@code prepared} as it is and returns its new ordinal: a vector read back with
     * {@link #vector(int)} from an index of the same distance, so preparing it again (normalising
     * a unit vector) cannot change its last bits. Used to rebuild an index from another.
     */
    int addPrepared(float[] prepared);

    /**
     * Stores a copy of {@code vector} under the next ordinal without making it reachable through a
     * graph yet; {@link #link} does that. Reserving is cheap and serial, linking is the costly part
     * and may run on several threads, so a shard holding several vector fields reserves the same
     * ordinal in each of them in order and then links in parallel. Exact searches see a reserved
     * vector at once.
     *
     * @param prepared whether {@code vector} is already prepared (see {@link #addPrepared})
     */
    int reserve(float[] vector, boolean prepared);

    /**
     * Reserves the next ordinal for a point that has no vector in this index: it holds zeros, is
     * deleted from the start and is never returned by any search.
     */
    int reserveAbsent();

    /** Makes a {@link #reserve reserved} ordinal reachable through the graph (nothing for a flat index). */
    void link(int ordinal);

    /** Marks {@code ordinal} deleted (a tombstone); idempotent. */
    void delete(int ordinal);

    boolean isDeleted(int ordinal);

    /** A copy of the stored (prepared) vector of {@code ordinal}. */
    float[] vector(int ordinal);

    /** Number of ordinals ever assigned, deleted ones included. */
    int size();

    /** The {@code m} the index's graph is built with, or 0 for an index without a graph. */
    int graphM();

    /** Number of ordinals not deleted. */
    int liveCount();

    /**
     * Approximate top-{@code k} search (exact for a flat index).
     *
     * @param ef     size of the dynamic candidate list for graph indexes ({@code >= k}); ignored by
     *               exact indexes
     * @param accept extra restriction on ordinals (a filter's allow-set), or {@code null} for all
     *               live ordinals
     */
    SearchHits search(float[] query, int k, int ef, IntPredicate accept);

    /**
     * {@link #search(float[], int, int, IntPredicate)} as {@code params} (Qdrant's
     * {@code params.quantization}) asks: an index with quantized codes traverses them and rescores
     * its candidates; an index without them ignores {@code params}.
     *
     * @param params null = {@link QuantizedSearch#DEFAULT}
     */
    default SearchHits search(float[] query, int k, int ef, IntPredicate accept, QuantizedSearch params) {
        return search(query, k, ef, accept);
    }

    /** Exact top-{@code k} over the live ordinals among {@code candidates[0..count)}. */
    SearchHits exactSearch(float[] query, int k, int[] candidates, int count);

    /** Exact top-{@code k} over all live ordinals accepted by {@code accept} (null = all). */
    SearchHits exactSearch(float[] query, int k, IntPredicate accept);

    /**
     * Similarity of {@code preparedQuery} (normalised already if {@link Distance#normalizes()}; length
     * {@link #dimension()}) to the stored vector of {@code ordinal}, read in place: for scorers that
     * combine many such similarities per point (a multivector's MaxSim) and must not copy each
     * stored vector. Deleted ordinals are scored too; the caller decides what counts.
     */
    float similarityTo(float[] preparedQuery, int ordinal);

    /** Bytes of memory (heap and off-heap) held by vectors and graph, for metrics and the memory target. */
    long ramBytesUsed();

    /**
     * Bytes held by the full-precision vectors alone (off the heap, at the field's datatype width),
     * in direct buffers or mapped from a file.
     */
    long vectorBytesUsed();

    /** Bytes of {@link #ramBytesUsed()} held off the Java heap in direct buffers (vectors, codes). */
    default long offHeapBytesUsed() {
        return 0;
    }

    /**
     * Bytes mapped from files ({@code on_disk} vectors and codes): not in {@link #ramBytesUsed()},
     * since the page cache holds them and the kernel may evict them under memory pressure.
     */
    default long mappedBytesUsed() {
        return 0;
    }

    /**
     * Bytes held by quantized codes of the vectors, off the heap, in direct buffers or mapped (0
     * without quantization, or before they are built).
     */
    default long quantizedBytesUsed() {
        return 0;
    }
}
