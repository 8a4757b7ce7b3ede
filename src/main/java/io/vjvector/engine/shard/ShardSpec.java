package io.vjvector.engine.shard;

import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.VectorIndex;
import io.vjvector.engine.index.VectorIndexes;
import io.vjvector.engine.kernels.VectorKernels;
import java.util.function.LongSupplier;

/**
 * What it takes to build a shard, empty or from a checkpoint.
 *
 * @param index          vector index settings (a loaded HNSW graph keeps the {@code m} it was built with)
 * @param kernels        distance kernels
 * @param searchDefaults initial search defaults
 * @param operationIds   the collection's operation id source, see {@link Shard}
 */
public record ShardSpec(IndexConfig index, VectorKernels kernels, SearchDefaults searchDefaults,
                        LongSupplier operationIds) {

    /** An empty shard recording into {@code log}. */
    public Shard create(OperationLog log) {
        return create(VectorIndexes.create(index, kernels), log);
    }

    /** A shard over an existing (loaded) vector index, recording into {@code log}. */
    Shard create(VectorIndex vectors, OperationLog log) {
        return new Shard(vectors, searchDefaults, operationIds, log);
    }
}
