package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;
import java.util.function.IntPredicate;

/**
 * Exact index: every search scores every eligible vector. Vectors live in a paged flat
 * {@link VectorStore}; adds are serialised, searches are lock-free and run concurrently with
 * adds and deletes (a search sees the vectors added before it started).
 */
public final class FlatIndex implements VectorIndex {

    private final Distance distance;
    private final VectorKernels kernels;
    private final VectorStore store;
    private final Tombstones tombstones = new Tombstones();
    private final ExactScan scan;

    @Override
    public int graphM() {
        return 0;
    }

    public FlatIndex(int dimension, Distance distance, VectorKernels kernels) {
        this.distance = distance;
        this.kernels = kernels;
        this.store = new VectorStore(dimension);
        this.scan = new ExactScan(store, tombstones, VectorSimilarity.of(distance, kernels));
    }

    @Override
    public int dimension() {
        return store.dimension();
    }

    @Override
    public Distance distance() {
        return distance;
    }

    @Override
    public int add(float[] vector) {
        return store.append(VectorPreparation.prepare(distance, kernels, vector, store.dimension()));
    }

    @Override
    public int addPrepared(float[] prepared) {
        VectorPreparation.checkDimension(prepared, store.dimension());
        return store.append(prepared);
    }

    @Override
    public void delete(int ordinal) {
        VectorPreparation.checkOrdinal(ordinal, store.size());
        tombstones.delete(ordinal);
    }

    @Override
    public boolean isDeleted(int ordinal) {
        return tombstones.isDeleted(ordinal);
    }

    @Override
    public float[] vector(int ordinal) {
        return store.copy(ordinal);
    }

    @Override
    public int size() {
        return store.size();
    }

    @Override
    public int liveCount() {
        return store.size() - tombstones.count();
    }

    /** Exact search; {@code ef} is ignored. */
    @Override
    public SearchHits search(float[] query, int k, int ef, IntPredicate accept) {
        return exactSearch(query, k, accept);
    }

    @Override
    public SearchHits exactSearch(float[] query, int k, int[] candidates, int count) {
        return scan.search(VectorPreparation.prepareQuery(distance, kernels, query, store.dimension()),
                k, candidates, count);
    }

    @Override
    public SearchHits exactSearch(float[] query, int k, IntPredicate accept) {
        return scan.search(VectorPreparation.prepareQuery(distance, kernels, query, store.dimension()), k, accept);
    }

    VectorStore store() {
        return store;
    }

    Tombstones tombstones() {
        return tombstones;
    }

    @Override
    public long ramBytesUsed() {
        return store.ramBytesUsed() + tombstones.ramBytesUsed();
    }
}
