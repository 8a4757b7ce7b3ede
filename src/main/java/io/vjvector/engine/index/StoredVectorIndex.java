package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;
import java.util.function.IntPredicate;

/**
 * What every index here shares: prepared vectors in a {@link VectorStore}, tombstones for deletes,
 * and exact search over them. Subclasses decide how a vector is added and searched approximately.
 */
abstract sealed class StoredVectorIndex implements VectorIndex permits FlatIndex, HnswIndex {

    final Distance distance;
    final VectorKernels kernels;
    final VectorStore store;
    final Tombstones tombstones = new Tombstones();
    final VectorSimilarity similarity;
    private final ExactScan exactScan;

    StoredVectorIndex(int dimension, Distance distance, VectorKernels kernels) {
        this.distance = distance;
        this.kernels = kernels;
        this.store = new VectorStore(dimension);
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

    @Override
    public final int add(float[] vector) {
        return addPrepared(VectorPreparation.prepare(distance, kernels, vector, store.dimension()));
    }

    @Override
    public final int reserve(float[] vector, boolean prepared) {
        float[] p = prepared ? vector : VectorPreparation.prepare(distance, kernels, vector, store.dimension());
        VectorPreparation.checkDimension(p, store.dimension());
        return allocate(p, false);
    }

    @Override
    public final int reserveAbsent() {
        return allocate(new float[store.dimension()], true);
    }

    /**
     * Appends {@code prepared} under the next ordinal (with whatever the subclass keeps per node);
     * an {@code absent} one is tombstoned before it becomes visible, so no scan can return it.
     */
    abstract int allocate(float[] prepared, boolean absent);

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
        return similarity.compare(preparedQuery, 0, store.page(ordinal), store.offset(ordinal), store.dimension());
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
        return store.ramBytesUsed();
    }

    /** Heap of the vectors and tombstones; subclasses add what they hold besides. */
    @Override
    public long ramBytesUsed() {
        return store.ramBytesUsed() + tombstones.ramBytesUsed();
    }
}
