package io.vjvector.engine.replication;

import io.vjvector.engine.shard.DurableShard;
import io.vjvector.engine.storage.WalRecord;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * The follower side of one replicated shard: applies the leader's batches to its log and shard,
 * refusing a batch from an epoch older than one it has seen (a deposed leader), one that does not
 * continue its log, and one whose previous record differs from its own (it must truncate by
 * epoch first). Checkpoints of the copy stay at or below the high-water mark the leader sends.
 */
public final class ReplicationFollower {

    private final ShardReplica replica;
    private final Predicate<String> pendingVector;
    // Guarded by this.
    private long highWaterMark;

    ReplicationFollower(ShardReplica replica, long highWaterMark, Predicate<String> pendingVector) {
        this.replica = replica;
        this.highWaterMark = highWaterMark;
        this.pendingVector = pendingVector;
    }

    /**
     * Applies {@code batch}: checks its epoch (fencing; a newer one is persisted first), that it
     * continues this log where it ends and with the same epoch there, records epochs it starts in
     * the history, then appends, applies and makes the records durable with one fsync
     * ({@link DurableShard#applyReplicated}). An empty batch only updates epoch and high-water mark.
     *
     * @return {@link ApplyResult.Outcome#APPLIED} with the last durable sequence (the leader's
     *         acknowledgement), or why it was refused (nothing was written then)
     * @throws IOException if the log could not be written; the shard is then failed and the
     *                     replica must be reopened
     * @throws IllegalArgumentException if a record is not a valid operation (nothing written)
     */
    public synchronized ApplyResult apply(ReplicationBatch batch) throws IOException {
        DurableShard durable = replica.durable();
        long last = durable.lastSequence();
        if (!replica.observeEpoch(batch.leaderEpoch())) {
            return result(ApplyResult.Outcome.STALE_EPOCH, last);
        }
        if (batch.prevSequence() > last) {
            return result(ApplyResult.Outcome.GAP, last);
        }
        LeaderEpochHistory history = replica.history();
        if (batch.prevSequence() < last || history.epochAt(last) != batch.prevEpoch()) {
            return result(ApplyResult.Outcome.DIVERGED, last);
        }
        if (!batch.records().isEmpty()) {
            // An epoch this copy led without writing anything ends where the leader's records start.
            LeaderEpochHistory next = history.truncatedAfter(last);
            for (WalRecord r : batch.records()) {
                if (r.epoch() > next.latestEpoch()) {
                    next = next.withEpochStart(r.epoch(), r.sequence());
                }
            }
            // The history names the new epochs before the log holds them: after a crash in
            // between, reopening drops entries past the log's end.
            replica.replaceHistory(next);
            last = durable.applyReplicated(batch.records(), pendingVector);
        }
        highWaterMark = Math.max(highWaterMark, Math.min(batch.highWaterMark(), last));
        return result(ApplyResult.Outcome.APPLIED, last);
    }

    private ApplyResult result(ApplyResult.Outcome outcome, long last) {
        return new ApplyResult(outcome, last, replica.history().highestEpochSeen());
    }

    /** The highest high-water mark received, capped at this log's end: the checkpoint limit. */
    public synchronized long highWaterMark() {
        return highWaterMark;
    }

    /** Last sequence in this copy's log. */
    public long lastSequence() {
        return replica.durable().lastSequence();
    }
}
