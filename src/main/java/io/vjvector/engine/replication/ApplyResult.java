package io.vjvector.engine.replication;

/**
 * A follower's answer to a {@link ReplicationBatch}.
 *
 * @param outcome          what the follower did
 * @param durableSequence  the follower's last durable sequence: after {@link Outcome#APPLIED}
 *                         the leader's acknowledgement from this follower; otherwise where its
 *                         log ends (the leader ships from there + 1 after a gap)
 * @param highestEpochSeen the follower's highest epoch seen; after {@link Outcome#STALE_EPOCH}
 *                         it is newer than the sender's, which must stop leading
 */
public record ApplyResult(Outcome outcome, long durableSequence, long highestEpochSeen) {

    /** What a follower did with a batch. */
    public enum Outcome {
        /** Every record is durable; {@code durableSequence} acknowledges them. */
        APPLIED,
        /** Refused: the sender's epoch is older than one the follower has seen (fencing). */
        STALE_EPOCH,
        /** Refused: the batch does not start right after the follower's last record. */
        GAP,
        /**
         * Refused: the follower's record at the batch's previous sequence has another epoch; it
         * must truncate by leader epoch ({@link ShardReplica#truncateToLeader}) first.
         */
        DIVERGED
    }

    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }
}
