package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;

/** Creates the index a shard's {@link IndexConfig} asks for. */
public final class VectorIndexes {

    private VectorIndexes() {
    }

    public static VectorIndex create(IndexConfig config, VectorKernels kernels) {
        // TODO(index): HNSW when !config.exactOnly(); flat for now.
        return new FlatIndex(config.dimension(), config.distance(), kernels);
    }
}
