package io.vjvector.cluster.coordination;

/**
 * This node's leadership of one shard, won through etcd's election API.
 *
 * <p>{@link #epoch()} is the leader key's create revision: it grows with every new leader and is
 * the fencing token replication messages carry. {@link #isValid()} is this node's own view: it
 * turns false on a monotonic deadline (the send time of the last answered keep-alive plus the
 * TTL) even when etcd is unreachable, so a paused or cut-off leader stops acknowledging before
 * another can have been elected. It never turns true again; after losing, campaign anew.
 */
public final class Leadership {

    private final ShardId shard;
    private final String nodeId;
    private final String leaderKey;
    private final long epoch;
    private final LeaseKeeper lease;
    private final ShardLeadership elections;

    Leadership(ShardId shard, String nodeId, String leaderKey, long epoch, LeaseKeeper lease, ShardLeadership elections) {
        this.shard = shard;
        this.nodeId = nodeId;
        this.leaderKey = leaderKey;
        this.epoch = epoch;
        this.lease = lease;
        this.elections = elections;
    }

    public ShardId shard() {
        return shard;
    }

    public String nodeId() {
        return nodeId;
    }

    /** The election key this leadership holds (under {@code election/<collection>/<shard>/}). */
    public String leaderKey() {
        return leaderKey;
    }

    /** The fencing token: the leader key's create revision. */
    public long epoch() {
        return epoch;
    }

    /** True while the leadership surely holds (see the class comment); monotonic. */
    public boolean isValid() {
        return lease.isValid();
    }

    /** Milliseconds of validity left, 0 when invalid. */
    public long remainingMillis() {
        return Math.max(0, lease.remainingNanos() / 1_000_000);
    }

    /** Runs {@code listener} once when the lease behind this leadership is lost (not on {@link #resign}). */
    public void onLost(Runnable listener) {
        lease.onLost(listener);
    }

    /** Gives the shard up: the leader key is deleted (its lease revoked) so another can win at once. */
    public void resign() {
        elections.resign(this);
    }

    LeaseKeeper lease() {
        return lease;
    }

    @Override
    public String toString() {
        return "Leadership[" + shard + " by " + nodeId + ", epoch " + epoch + "]";
    }
}
