package io.vjvector.cluster.transport;

/**
 * Whether this node may apply a write to its copy of a shard: only the shard's leader may, and
 * only for a caller that routed it under the current epoch. The control plane (which knows the
 * leaders from etcd) provides the cluster's implementation; without one every shard this node
 * holds is its own to write ({@link #EVERY_SHARD}, standalone and tests).
 */
@FunctionalInterface
public interface ShardLeadership {

    /** Epoch sent by a caller that does not know one. */
    long NO_EPOCH = -1;

    /** This node leads every shard it holds. */
    ShardLeadership EVERY_SHARD = (collection, shardId, callerEpoch) -> { };

    /**
     * @param callerEpoch the leader epoch the caller routed the write under, or {@link #NO_EPOCH}
     * @throws io.vjvector.error.NotLeaderException when this node does not lead the shard, or
     *                                              leads it under a later epoch than the caller's
     *                                              view (carrying what this node knows)
     */
    void checkWrite(String collection, int shardId, long callerEpoch);
}
