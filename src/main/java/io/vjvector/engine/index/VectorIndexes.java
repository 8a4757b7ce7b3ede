package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;

/** Creates the index a shard's {@link IndexConfig} asks for. */
public final class VectorIndexes {

    private VectorIndexes() {
    }

    /** An {@link HnswIndex}, or a {@link FlatIndex} when {@code config.exactOnly()}. */
    public static VectorIndex create(IndexConfig config, VectorKernels kernels) {
        if (config.exactOnly()) {
            return new FlatIndex(config.dimension(), config.distance(), kernels);
        }
        return new HnswIndex(config, kernels);
    }
}
