package io.vjvector.engine.index;

import io.vjvector.engine.kernels.VectorKernels;

/** Creates the index a shard's {@link IndexConfig} asks for. */
public final class VectorIndexes {

    private VectorIndexes() {
    }

    /** An {@link HnswIndex}, or a {@link FlatIndex} when {@code config.exactOnly()}. */
    public static VectorIndex create(IndexConfig config, VectorKernels kernels) {
        return create(config, Datatype.FLOAT32, kernels);
    }

    /** As {@link #create(IndexConfig, VectorKernels)}, storing vectors at {@code datatype}'s width. */
    public static VectorIndex create(IndexConfig config, Datatype datatype, VectorKernels kernels) {
        return create(config, datatype, kernels, VectorStorage.memory());
    }

    /**
     * As {@link #create(IndexConfig, Datatype, VectorKernels)}, with the vectors of an
     * {@code on_disk} config mapped from a file of {@code storage}.
     */
    public static VectorIndex create(IndexConfig config, Datatype datatype, VectorKernels kernels,
                                     VectorStorage storage) {
        if (config.exactOnly()) {
            return new FlatIndex(config.dimension(), config.distance(), datatype, kernels, storage, config.onDisk());
        }
        return new HnswIndex(config, datatype, kernels, storage);
    }
}
