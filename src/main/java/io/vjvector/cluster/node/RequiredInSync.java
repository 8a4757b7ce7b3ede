package io.vjvector.cluster.node;

import io.vjvector.cluster.coordination.ClusterWatch;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.error.VJVectorException;
import java.util.function.IntSupplier;

/**
 * The fewest in-sync copies a write to a shard this node leads needs, asked by the shard's
 * {@link io.vjvector.engine.replication.ReplicationLeader} at every admission and acknowledgement
 * decision: the {@code write_consistency_factor} this node's copy has applied now (so a change
 * applies to the next write, not at the next leadership), capped at the shard's copies in the
 * shard table as this node sees it.
 *
 * <p>Lock-free reads only (a volatile field of the collection, the watch's current view): the
 * leader asks under its lock.
 */
final class RequiredInSync implements IntSupplier {

    private final ShardId shard;
    private final LocalCollectionService local;
    private final ClusterWatch watch;
    /** The last factor read, for the moment the collection is closed or reopened under the leader. */
    private volatile int lastFactor;

    /** @throws VJVectorException when this node holds no loaded copy of the shard's collection */
    RequiredInSync(ShardId shard, LocalCollectionService local, ClusterWatch watch) {
        this.shard = shard;
        this.local = local;
        this.watch = watch;
        this.lastFactor = local.params(shard.collection()).writeConsistencyFactor();
    }

    @Override
    public int getAsInt() {
        int factor;
        try {
            factor = local.params(shard.collection()).writeConsistencyFactor();
            lastFactor = factor;
        } catch (VJVectorException reopening) {
            factor = lastFactor;
        }
        ShardAssignment a = watch.current().shards().get(shard);
        int copies = a == null ? 1 : a.replicas().size();
        return Math.max(1, Math.min(factor, copies));
    }
}
