package io.vjvector.collection;

import io.vjvector.engine.index.Distance;

/**
 * A collection's settings (Qdrant's {@code config.params}, {@code hnsw_config},
 * {@code optimizer_config}, and in {@code settings} the rest of what Qdrant clients configure).
 *
 * @param fullScanThreshold below this many points (per shard) searches scan exactly; Qdrant's
 *                          {@code full_scan_threshold} is in KB of vectors, ours is in points
 * @param settings          WAL, strict mode, metadata and the settings stored for Qdrant clients
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
        CollectionSettings settings) {

    /**
     * A catalog written before optimizer settings (or the other settings) existed has none:
     * Qdrant's defaults apply.
     */
    public CollectionParams {
        if (optimizers == null) {
            optimizers = OptimizerSettings.DEFAULTS;
        }
        if (settings == null) {
            settings = CollectionSettings.DEFAULTS;
        }
    }

    /** Settings with the given optimizer settings and the defaults of the other settings. */
    public CollectionParams(int vectorSize, Distance distance, int shardNumber, int replicationFactor,
                            int writeConsistencyFactor, int m, int efConstruct, int fullScanThreshold,
                            OptimizerSettings optimizers) {
        this(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m, efConstruct,
                fullScanThreshold, optimizers, null);
    }

    /** Settings with the default optimizer settings. */
    public CollectionParams(int vectorSize, Distance distance, int shardNumber, int replicationFactor,
                            int writeConsistencyFactor, int m, int efConstruct, int fullScanThreshold) {
        this(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m, efConstruct,
                fullScanThreshold, null, null);
    }

    /** The same settings with other optimizer settings. */
    public CollectionParams withOptimizers(OptimizerSettings next) {
        return new CollectionParams(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m,
                efConstruct, fullScanThreshold, next, settings);
    }

    /** The same settings with other {@link CollectionSettings}. */
    public CollectionParams withSettings(CollectionSettings next) {
        return new CollectionParams(vectorSize, distance, shardNumber, replicationFactor, writeConsistencyFactor, m,
                efConstruct, fullScanThreshold, optimizers, next);
    }

    /** Whether the vector index settings differ from {@code other}'s, so shards must be rebuilt to apply them. */
    public boolean indexDiffers(CollectionParams other) {
        return m != other.m || efConstruct != other.efConstruct;
    }
}
