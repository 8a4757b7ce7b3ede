package io.vjvector.engine.shard;

import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.VectorStorage;
import io.vjvector.engine.kernels.VectorKernels;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What it takes to build a shard, empty or from a checkpoint.
 *
 * @param vectors        the vector fields by name, in the collection's order (a loaded HNSW graph
 *                       keeps the {@code m} it was built with)
 * @param kernels        distance kernels
 * @param searchDefaults initial search defaults
 * @param operationIds   the collection's operation id source, or {@link Shard#LOG_SEQUENCE}, see {@link Shard}
 * @param storage        where the vectors of {@code on_disk} fields are mapped from
 *                       ({@link DurableShard#open} sets the shard's directory); memory by default
 */
public record ShardSpec(Map<String, VectorFieldSpec> vectors, VectorKernels kernels, SearchDefaults searchDefaults,
                        LongSupplier operationIds, VectorStorage storage) {

    public ShardSpec {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("a shard needs at least one vector field");
        }
        vectors = Collections.unmodifiableMap(new LinkedHashMap<>(vectors));
        if (storage == null) {
            storage = VectorStorage.memory();
        }
    }

    /** A spec whose fields are all kept in memory. */
    public ShardSpec(Map<String, VectorFieldSpec> vectors, VectorKernels kernels, SearchDefaults searchDefaults,
                     LongSupplier operationIds) {
        this(vectors, kernels, searchDefaults, operationIds, VectorStorage.memory());
    }

    /** The same spec with on-disk fields mapped from {@code next}. */
    public ShardSpec withStorage(VectorStorage next) {
        return new ShardSpec(vectors, kernels, searchDefaults, operationIds, next);
    }

    /** A shard whose one field is the unnamed dense vector indexed as {@code index} says. */
    public ShardSpec(IndexConfig index, VectorKernels kernels, SearchDefaults searchDefaults,
                     LongSupplier operationIds) {
        this(Map.of(VectorFieldSpec.DEFAULT_NAME, new VectorFieldSpec.Dense(index, null)), kernels, searchDefaults,
                operationIds);
    }

    /** This spec for a shard whose operations are numbered by its own log ({@link Shard#LOG_SEQUENCE}). */
    public ShardSpec numberedByLog() {
        return new ShardSpec(vectors, kernels, searchDefaults, Shard.LOG_SEQUENCE, storage);
    }

    /** An empty shard recording into {@code log}. */
    public Shard create(OperationLog log) {
        return create(ShardVectors.create(vectors, kernels, storage), log);
    }

    /** A shard over existing (loaded) vector fields, recording into {@code log}. */
    Shard create(ShardVectors loaded, OperationLog log) {
        return new Shard(loaded, searchDefaults, operationIds, log);
    }
}
