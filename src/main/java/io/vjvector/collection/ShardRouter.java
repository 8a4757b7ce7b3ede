package io.vjvector.collection;

import io.vjvector.engine.point.PointId;

/**
 * Which shard holds a point: {@code stableHash(id) mod shardCount}, the hash taken as unsigned so
 * every shard number is reachable and the mapping is the same on every node and JVM.
 */
public record ShardRouter(int shardCount) {

    public ShardRouter {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shardCount must be >= 1, got " + shardCount);
        }
    }

    public int shardOf(PointId id) {
        return (int) Long.remainderUnsigned(id.stableHash(), shardCount);
    }
}
