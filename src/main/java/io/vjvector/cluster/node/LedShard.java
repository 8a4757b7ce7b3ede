package io.vjvector.cluster.node;

import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.engine.replication.ReplicationLeader;
import java.util.List;

/**
 * A shard this node leads, as its replication stands now: for metrics and the operator's view.
 *
 * @param epoch         the leadership's epoch
 * @param lastSequence  the leader's last logged sequence
 * @param highWaterMark the last sequence every in-sync copy has durably
 * @param inSyncCopies  copies in the in-sync set, the leader included
 * @param followers     every other copy the leader ships to
 */
public record LedShard(ShardId shard, long epoch, long lastSequence, long highWaterMark, int inSyncCopies,
                       List<ReplicationLeader.FollowerState> followers) {

    public LedShard {
        followers = List.copyOf(followers);
    }
}
