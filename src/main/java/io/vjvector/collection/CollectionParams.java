package io.vjvector.collection;

import io.vjvector.engine.index.Distance;

/**
 * A collection's settings (Qdrant's {@code config.params}, {@code hnsw_config} and the implemented part
 * of {@code optimizer_config}).
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
        OptimizerSettings optimizers) {

    /** A catalog written before optimizer settings existed has none: Qdrant's defaults apply. */
    public CollectionParams {
        if (optimizers == null) {
            optimizers = OptimizerSettings.DEFAULTS;
        }
    }

    /** Settings with the default optimizer settings. */
    public CollectionParams(int vectorSize, Distance distance, int shardNumber, int replicationFactor,
                            int writeConsistencyFactor, int m, int efConstruct, int fullScanThreshold) {
        this(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m, efConstruct,
                fullScanThreshold, null);
    }

    /** The same settings with other optimizer settings. */
    public CollectionParams withOptimizers(OptimizerSettings settings) {
        return new CollectionParams(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m,
                efConstruct, fullScanThreshold, settings);
    }

    /** Whether the vector index settings differ from {@code other}'s, so shards must be rebuilt to apply them. */
    public boolean indexDiffers(CollectionParams other) {
        return m != other.m || efConstruct != other.efConstruct;
    }
}
