package io.vjvector.cluster.admin;

/** An operator's change to one shard's copies ({@code POST /collections/{name}/cluster}), peers by peer id. */
public sealed interface ShardOperation {

    int shardId();

    /** Qdrant's {@code replicate_shard} ({@code move = false}) and {@code move_shard} ({@code move = true}). */
    record Replicate(int shardId, long fromPeer, long toPeer, boolean move) implements ShardOperation {
    }

    /** Qdrant's {@code drop_replica}. */
    record Drop(int shardId, long peer) implements ShardOperation {
    }
}
