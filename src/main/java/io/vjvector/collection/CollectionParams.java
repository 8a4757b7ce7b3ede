package io.vjvector.collection;

import io.vjvector.engine.index.Distance;

/**
 * A collection's settings (Qdrant's {@code config.params}, {@code hnsw_config} and the implemented part
 * of {@code optimizer_config}).
 *
 * <p>{@code vectorSize} and {@code distance} are those of the unnamed dense vector, or of the first
 * dense vector when there is no unnamed one (0 and null when there is none); {@code vectors} holds
 * every field.
 *
 * @param fullScanThreshold below this many points (per shard) searches scan exactly; Qdrant's
 *                          {@code full_scan_threshold} is in KB of vectors, ours is in points
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
        VectorsConfig vectors) {

    /**
     * A catalog written before optimizer settings existed has none: Qdrant's defaults apply. One
     * written before named vectors existed has no {@code vectors}: the one unnamed vector.
     */
    public CollectionParams {
        if (optimizers == null) {
            optimizers = OptimizerSettings.DEFAULTS;
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

    /** Settings of one unnamed vector. */
    public CollectionParams(int vectorSize, Distance distance, int shardNumber, int replicationFactor,
                            int writeConsistencyFactor, int m, int efConstruct, int fullScanThreshold,
                            OptimizerSettings optimizers) {
        this(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m, efConstruct,
                fullScanThreshold, optimizers, null);
    }

    /** Settings for the vector fields {@code vectors}. */
    public static CollectionParams of(VectorsConfig vectors, int shardNumber, int replicationFactor,
                                      int writeConsistencyFactor, int m, int efConstruct, int fullScanThreshold,
                                      OptimizerSettings optimizers) {
        return new CollectionParams(0, null, shardNumber, replicationFactor, writeConsistencyFactor, m, efConstruct,
                fullScanThreshold, optimizers, vectors);
    }

    /** Settings with the default optimizer settings. */
    public CollectionParams(int vectorSize, Distance distance, int shardNumber, int replicationFactor,
                            int writeConsistencyFactor, int m, int efConstruct, int fullScanThreshold) {
        this(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m, efConstruct,
                fullScanThreshold, null, null);
    }

    /** The same settings with other optimizer settings. */
    public CollectionParams withOptimizers(OptimizerSettings settings) {
        return new CollectionParams(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m,
                efConstruct, fullScanThreshold, settings, vectors);
    }

    /** The same settings with other vector fields. */
    public CollectionParams withVectors(VectorsConfig next) {
        return new CollectionParams(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m,
                efConstruct, fullScanThreshold, optimizers, next);
    }

    /** Whether the vector index settings differ from {@code other}'s, so shards must be rebuilt to apply them. */
    public boolean indexDiffers(CollectionParams other) {
        return m != other.m || efConstruct != other.efConstruct;
    }
}
