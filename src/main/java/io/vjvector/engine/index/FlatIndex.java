package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;
import java.util.function.IntPredicate;

/**
 * Exact index: every search scores every eligible vector. Vectors live in an off-heap
 * {@link VectorStore}; adds are serialised, searches are lock-free and run concurrently with
 * adds and deletes (a search sees the vectors added before it started).
 */
public final class FlatIndex extends StoredVectorIndex {

    public FlatIndex(int dimension, Distance distance, VectorKernels kernels) {
        this(dimension, distance, Datatype.FLOAT32, kernels);
    }

    /** A flat index whose vectors are stored at {@code datatype}'s width. */
    public FlatIndex(int dimension, Distance distance, Datatype datatype, VectorKernels kernels) {
        this(dimension, distance, datatype, kernels, VectorStorage.memory(), false);
    }

    /** A flat index whose vectors {@code storage} maps from a file when {@code onDisk}. */
    public FlatIndex(int dimension, Distance distance, Datatype datatype, VectorKernels kernels,
                     VectorStorage storage, boolean onDisk) {
        super(dimension, distance, datatype, kernels, storage, onDisk);
    }

    @Override
    public int graphM() {
        return 0;
    }

    @Override
    int allocate(float[] components, float scale, boolean absent) {
        synchronized (store) {
            if (absent) {
                tombstones.delete(store.size());
            }
            return store.append(components, scale);
        }
    }

    @Override
    public void link(int ordinal) {
        // No graph: a stored vector is searchable as soon as it is appended.
    }

    /** Exact search; {@code ef} is ignored. */
    @Override
    public SearchHits search(float[] query, int k, int ef, IntPredicate accept) {
        return exactSearch(query, k, accept);
    }
}
