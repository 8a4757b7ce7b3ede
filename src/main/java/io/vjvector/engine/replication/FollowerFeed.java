package io.vjvector.engine.replication;

import java.io.IOException;

/**
 * Feeds one follower from the leader: each {@link #shipOnce} reads the next batch from where the
 * follower's log ends, sends it through the channel and acts on the answer. Synchronous and
 * single-threaded; the cluster runs one feed per follower on its own thread or executor, calling
 * it again at once after {@link Step#SHIPPED} and after a short wait (a heartbeat) otherwise.
 *
 * <p>It starts by offering an empty batch at the leader's end, and learns from the answer where
 * the follower's log ends.
 */
public final class FollowerFeed {

    /** What one round did. */
    public enum Step {
        /** Records were shipped and acknowledged. */
        SHIPPED,
        /** The follower is current; a heartbeat was sent (or the follower's position learnt). */
        IDLE,
        /** The follower holds records the leader does not: it must {@link ShardReplica#truncateToLeader}. */
        DIVERGED,
        /** The follower is behind the leader's log start: it must be re-created from a snapshot. */
        SNAPSHOT_REQUIRED,
        /** The follower has seen a newer epoch: this leader has stepped down. */
        FENCED
    }

    private final ReplicationLeader leader;
    private final String member;
    private final ReplicationChannel channel;
    private final int maxRecords;
    private final long maxBytes;
    private long nextSequence;

    /**
     * @param member     the follower's node id, as the leader tracks it
     * @param maxRecords records per batch at most
     * @param maxBytes   payload bytes per batch, about (a single larger record still goes alone)
     */
    public FollowerFeed(ReplicationLeader leader, String member, ReplicationChannel channel, int maxRecords,
                        long maxBytes) {
        this.leader = leader;
        this.member = member;
        this.channel = channel;
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.nextSequence = -1;
        leader.track(member);
    }

    /**
     * Ships one batch (empty when the follower is current) and handles the answer.
     *
     * @throws IOException if the channel failed (the next round retries from the same place)
     */
    public Step shipOnce() throws IOException {
        long leaderLast = leaderLast();
        long from = nextSequence < 0 ? leaderLast + 1 : nextSequence;
        if (from > leaderLast + 1) {
            return Step.DIVERGED;
        }
        ReplicationBatch batch;
        try {
            batch = leader.read(from, maxRecords, maxBytes);
        } catch (SnapshotRequiredException e) {
            // Once the follower installed the leader's checkpoint (ShardTransfer) its end is learnt anew.
            nextSequence = -1;
            return Step.SNAPSHOT_REQUIRED;
        }
        ApplyResult result = channel.send(batch);
        switch (result.outcome()) {
            case APPLIED -> {
                leader.acknowledge(member, result.durableSequence());
                nextSequence = result.durableSequence() + 1;
                return batch.records().isEmpty() ? Step.IDLE : Step.SHIPPED;
            }
            case GAP -> {
                nextSequence = result.durableSequence() + 1;
                return Step.IDLE;
            }
            case DIVERGED -> {
                // After it truncates, the follower's end is learnt again from the next answer.
                nextSequence = -1;
                return Step.DIVERGED;
            }
            default -> {
                leader.stepDown("follower " + member + " has seen epoch " + result.highestEpochSeen()
                        + ", newer than " + leader.epoch());
                return Step.FENCED;
            }
        }
    }

    /** The sequence the next batch starts at, or -1 while the follower's end is unknown. */
    public long nextSequence() {
        return nextSequence;
    }

    private long leaderLast() {
        return leader.lastSequence();
    }
}
