package io.vjvector.collection;

import io.vjvector.engine.index.Distance;

/**
 * A collection's settings (Qdrant's {@code config.params}, {@code hnsw_config},
 * {@code optimizer_config}, and in {@code settings} the rest of what Qdrant clients configure).
 *
 * <p>{@code vectorSize} and {@code distance} are those of the unnamed dense vector, or of the first
 * dense vector when there is no unnamed one (0 and null when there is none); {@code vectors} holds
 * every field.
 *
 * @param fullScanThreshold below this many points (per shard) searches scan exactly; Qdrant's
 *                          {@code full_scan_threshold} is in KB of vectors, ours is in points
 * @param settings          WAL, strict mode, metadata and the settings stored for Qdrant clients
 * @param vectors           the vector fields
 * @param quantization      Qdrant's collection-level {@code quantization_config}, for every dense
 *                          vector without its own; null = none (and in catalogs written before it)
 */
public record CollectionParams(
        int vectorSize,
        Distance distance,
        int shardNumber,
        int replicationFactor,
        int writeConsistencyFactor,
        int m,
        int efConstruct,
        int fullScanThreshold,
        OptimizerSettings optimizers,
        CollectionSettings settings,
        VectorsConfig vectors,
        QuantizationSettings quantization) {

    /**
     * A catalog written before optimizer settings (or the other settings) existed has none:
     * Qdrant's defaults apply. One written before named vectors existed has no {@code vectors}:
     * the one unnamed vector of {@code vectorSize} and {@code distance}.
     */
    public CollectionParams {
        if (optimizers == null) {
            optimizers = OptimizerSettings.DEFAULTS;
        }
        if (settings == null) {
            settings = CollectionSettings.DEFAULTS;
        }
        if (vectors == null) {
            vectors = VectorsConfig.single(vectorSize, distance);
        } else {
            VectorsConfig.DenseVector main = vectors.dense().get("");
            if (main == null && !vectors.dense().isEmpty()) {
                main = vectors.dense().values().iterator().next();
            }
            vectorSize = main == null ? 0 : main.size();
            distance = main == null ? null : main.distance();
        }
    }

    /** Settings without collection-level quantization. */
    public CollectionParams(int vectorSize, Distance distance, int shardNumber, int replicationFactor,
                            int writeConsistencyFactor, int m, int efConstruct, int fullScanThreshold,
                            OptimizerSettings optimizers, CollectionSettings settings, VectorsConfig vectors) {
        this(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m, efConstruct,
                fullScanThreshold, optimizers, settings, vectors, null);
    }

    /** Settings of one unnamed vector with the given optimizer and other settings. */
    public CollectionParams(int vectorSize, Distance distance, int shardNumber, int replicationFactor,
                            int writeConsistencyFactor, int m, int efConstruct, int fullScanThreshold,
                            OptimizerSettings optimizers, CollectionSettings settings) {
        this(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m, efConstruct,
                fullScanThreshold, optimizers, settings, null);
    }

    /** Settings of one unnamed vector with the given optimizer settings and the defaults of the other settings. */
    public CollectionParams(int vectorSize, Distance distance, int shardNumber, int replicationFactor,
                            int writeConsistencyFactor, int m, int efConstruct, int fullScanThreshold,
                            OptimizerSettings optimizers) {
        this(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m, efConstruct,
                fullScanThreshold, optimizers, null, null);
    }

    /** Settings of one unnamed vector with the default optimizer settings. */
    public CollectionParams(int vectorSize, Distance distance, int shardNumber, int replicationFactor,
                            int writeConsistencyFactor, int m, int efConstruct, int fullScanThreshold) {
        this(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m, efConstruct,
                fullScanThreshold, null, null, null);
    }

    /** The same settings with other optimizer settings. */
    public CollectionParams withOptimizers(OptimizerSettings next) {
        return new CollectionParams(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m,
                efConstruct, fullScanThreshold, next, settings, vectors, quantization);
    }

    /** The same settings with other {@link CollectionSettings}. */
    public CollectionParams withSettings(CollectionSettings next) {
        return new CollectionParams(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m,
                efConstruct, fullScanThreshold, optimizers, next, vectors, quantization);
    }

    /** The same settings with other vector fields. */
    public CollectionParams withVectors(VectorsConfig next) {
        return new CollectionParams(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m,
                efConstruct, fullScanThreshold, optimizers, settings, next, quantization);
    }

    /** The same settings with other collection-level quantization (null = none). */
    public CollectionParams withQuantization(QuantizationSettings next) {
        return new CollectionParams(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m,
                efConstruct, fullScanThreshold, optimizers, settings, vectors, next);
    }

    /** The quantization dense vector {@code name} is searched with: its own, else the collection's; null = none. */
    public QuantizationSettings quantizationOf(String name) {
        VectorsConfig.DenseVector v = vectors.dense().get(name);
        return v != null && v.quantization() != null ? v.quantization() : quantization;
    }

    /** Whether the vector index settings differ from {@code other}'s, so shards must be rebuilt to apply them. */
    public boolean indexDiffers(CollectionParams other) {
        return m != other.m || efConstruct != other.efConstruct;
    }
}
