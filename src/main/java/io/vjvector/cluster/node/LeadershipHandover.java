package io.vjvector.cluster.node;

import io.vjvector.cluster.coordination.Leadership;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardLeadership;
import io.vjvector.engine.replication.ReplicationLeader;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A leader giving its shard to another in-sync copy, so that an operator may move or drop the
 * leader's copy. In order: new writes are refused as by a non-leader ({@link #refusesWrites}: the
 * gateway routes them again once the new leader is known); every in-sync follower acknowledges
 * the whole log (bounded); one transaction guarded by the leadership's epoch takes this node out
 * of the in-sync set, so it cannot win the election again at once and the next in-sync candidate
 * wins; then the leadership is resigned. This copy follows the new leader from then on and is
 * admitted to the in-sync set again once caught up, like any copy.
 *
 * <p>No acknowledged write can be lost: each is on every in-sync copy, and only those may win.
 * Writes that were waiting for acknowledgement when the leader resigned fail with an unknown
 * outcome, as on any change of leader.
 */
final class LeadershipHandover {

    private static final System.Logger LOG = System.getLogger(LeadershipHandover.class.getName());

    private final String nodeId;
    private final ShardLeadership elections;
    private final Duration catchUpLimit;
    private final Set<ShardId> handingOver = ConcurrentHashMap.newKeySet();

    /**
     * @param catchUpLimit how long the in-sync followers get to acknowledge the whole log (the
     *                     lag limit: a follower slower than that leaves the in-sync set anyway)
     */
    LeadershipHandover(String nodeId, ShardLeadership elections, Duration catchUpLimit) {
        this.nodeId = nodeId;
        this.elections = elections;
        this.catchUpLimit = catchUpLimit;
    }

    /** Whether writes to {@code shard} are refused because its leadership is being handed over. */
    boolean refusesWrites(ShardId shard) {
        return handingOver.contains(shard);
    }

    /**
     * Hands {@code leadership} over; {@code resign} stops leading on this node and resigns (writes
     * stay refused until it returned).
     *
     * @throws VJVectorException (409) when no other copy is in sync or a handover is under way,
     *                           (503) when the followers did not catch up in time or etcd refused
     *                           the change; the leadership is kept then and writes resume
     */
    void run(ShardId shard, Leadership leadership, ReplicationLeader leader, Runnable resign) throws IOException {
        if (leader.inSync().isEmpty()) {
            throw VJVectorException.conflict("no other copy of " + shard + " is in sync to take its leadership over");
        }
        if (!handingOver.add(shard)) {
            throw VJVectorException.conflict("the leadership of " + shard + " is already being handed over");
        }
        try {
            long start = System.nanoTime();
            if (!leader.awaitInSyncCaughtUp(catchUpLimit)) {
                throw VJVectorException.unavailable("the in-sync copies of " + shard + " did not acknowledge the"
                        + " leader's whole log within " + catchUpLimit.toMillis() + " ms; it keeps leading, try again");
            }
            if (!elections.updateShardIfLeader(leadership, this::withoutThisLeader)) {
                throw VJVectorException.unavailable("the leader of " + shard + " could not leave its in-sync set"
                        + " (its leadership ended, or no other copy is in sync); try again");
            }
            resign.run();
            LOG.log(System.Logger.Level.INFO, "Handed the leadership of " + shard + " (epoch " + leadership.epoch()
                    + ") over at sequence " + leader.lastSequence() + " after " + (System.nanoTime() - start) / 1_000_000
                    + " ms; another in-sync copy takes over");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VJVectorException.unavailable("interrupted while handing " + shard + " over");
        } finally {
            handingOver.remove(shard);
        }
    }

    /** The record without this node in the in-sync set, or null when no other in-sync copy would remain. */
    ShardAssignment withoutThisLeader(ShardAssignment a) {
        if (!a.inSync().contains(nodeId) || a.inSync().size() < 2) {
            return null;
        }
        return a.withoutInSync(nodeId);
    }
}
