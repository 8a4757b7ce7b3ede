package io.vjvector.collection;

import io.vjvector.engine.index.Distance;

/**
 * A collection's settings (Qdrant's {@code config.params} and {@code hnsw_config}).
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
        int fullScanThreshold) {
}
