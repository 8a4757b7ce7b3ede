package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;
import java.util.function.IntPredicate;

/**
 * What every index here shares: prepared vectors in a {@link VectorStore} (off the heap, at the
 * width of the field's {@link Datatype}), tombstones for deletes, and exact search over them.
 * Subclasses decide how a vector is added and searched approximately.
 */
abstract sealed class StoredVectorIndex implements VectorIndex permits FlatIndex, HnswIndex {

    final Distance distance;
    final VectorKernels kernels;
    final VectorStore store;
    final Tombstones tombstones = new Tombstones();
    final VectorSimilarity similarity;
    private final ExactScan exactScan;

    StoredVectorIndex(int dimension, Distance distance, Datatype datatype, VectorKernels kernels,
                      VectorStorage storage, boolean onDisk) {
        this.distance = distance;
        this.kernels = kernels;
        this.store = new VectorStore(dimension, datatype, storage, onDisk);
        this.similarity = VectorSimilarity.of(distance, kernels);
        this.exactScan = new ExactScan(store, tombstones, similarity);
    }

    @Override
    public final int dimension() {
        return store.dimension();
    }

    @Override
    public final Distance distance() {
        return distance;
    }

    /** The field's datatype: the width its vectors are stored at. */
    public final Datatype datatype() {
        return store.datatype();
    }

    @Override
    public final int add(float[] vector) {
        int ordinal = reserve(vector, false);
        link(ordinal);
        return ordinal;
    }

    /**
     * A vector that is not yet prepared is stored as its components and the factor that prepares
     * them (1 / norm for Cosine), so a narrow datatype keeps the components the client sent.
     */
    @Override
    public final int reserve(float[] vector, boolean prepared) {
        VectorPreparation.checkDimension(vector, store.dimension());
        float scale = prepared || !distance.normalizes() ? 1f : Distance.inverseNorm(kernels, vector);
        return allocate(vector, scale, false);
    }

    @Override
    public final int reserveAbsent() {
        return allocate(new float[store.dimension()], 1f, true);
    }

    /**
     * Appends the vector {@code components * scale} under the next ordinal (with whatever the
     * subclass keeps per node); an {@code absent} one is tombstoned before it becomes visible, so
     * no scan can return it.
     */
    abstract int allocate(float[] components, float scale, boolean absent);

    @Override
    public final int addPrepared(float[] prepared) {
        int ordinal = reserve(prepared, true);
        link(ordinal);
        return ordinal;
    }

    @Override
    public final void delete(int ordinal) {
        VectorPreparation.checkOrdinal(ordinal, store.size());
        tombstones.delete(ordinal);
    }

    @Override
    public final boolean isDeleted(int ordinal) {
        return tombstones.isDeleted(ordinal);
    }

    @Override
    public final float[] vector(int ordinal) {
        return store.copy(ordinal);
    }

    @Override
    public final int size() {
        return store.size();
    }

    @Override
    public final int liveCount() {
        return store.size() - tombstones.count();
    }

    @Override
    public final SearchHits exactSearch(float[] query, int k, int[] candidates, int count) {
        return exactScan.search(prepareQuery(query), k, candidates, count);
    }

    @Override
    public final SearchHits exactSearch(float[] query, int k, IntPredicate accept) {
        return exactScan.search(prepareQuery(query), k, accept);
    }

    @Override
    public final float similarityTo(float[] preparedQuery, int ordinal) {
        VectorPreparation.checkOrdinal(ordinal, store.size());
        float[] vector = SearchScratch.forThread(0).vector(store.dimension());
        store.read(ordinal, vector, 0);
        return similarity.compare(preparedQuery, 0, vector, 0, store.dimension());
    }

    /** The query as the stored vectors are prepared (normalised for cosine), checked for dimension. */
    final float[] prepareQuery(float[] query) {
        return VectorPreparation.prepareQuery(distance, kernels, query, store.dimension());
    }

    final VectorStore store() {
        return store;
    }

    final Tombstones tombstones() {
        return tombstones;
    }

    @Override
    public final long vectorBytesUsed() {
        return store.offHeapBytes() + store.mappedBytes();
    }

    @Override
    public long mappedBytesUsed() {
        return store.mappedBytes();
    }

    @Override
    public long offHeapBytesUsed() {
        return store.offHeapBytes();
    }

    /**
     * The vectors in direct buffers (mapped ones are the page cache's, see {@link #mappedBytesUsed()}),
     * their page tables and the tombstones; subclasses add what they hold besides.
     */
    @Override
    public long ramBytesUsed() {
        return store.offHeapBytes() + store.heapBytes() + tombstones.ramBytesUsed();
    }
}
