package io.vjvector.engine.replication;

import io.vjvector.engine.storage.WalRecord;
import java.util.List;

/**
 * What a leader ships to a follower: consecutive log records in plaintext (each replica encrypts
 * with its own nonces) and what the follower needs to check and bound them. An empty batch is a
 * heartbeat that carries the epoch and high-water mark. Encoded for a transport by
 * {@link ReplicationCodec}.
 *
 * @param leaderEpoch   the sender's epoch; a follower that has seen a newer one refuses the batch
 * @param prevSequence  the sequence just before the first record (the follower's last sequence
 *                      when it continues its log)
 * @param prevEpoch     the epoch of the leader's record at {@code prevSequence}
 *                      ({@link EpochEnd#UNKNOWN} at 0): a follower whose record there has another
 *                      epoch has diverged and must truncate by epoch first
 * @param highWaterMark the leader's high-water mark: every in-sync copy has every record up to
 *                      it durably, so none is ever truncated; followers checkpoint only up to it
 * @param records       records {@code prevSequence + 1, prevSequence + 2, ...}; epochs never
 *                      decrease and are never newer than {@code leaderEpoch}
 */
public record ReplicationBatch(long leaderEpoch, long prevSequence, long prevEpoch, long highWaterMark,
                               List<WalRecord> records) {

    /**
     * @throws IllegalArgumentException if the records do not follow {@code prevSequence}
     *                                  consecutively, or their epochs decrease or pass the leader's
     */
    public ReplicationBatch {
        records = List.copyOf(records);
        if (prevSequence < 0 || highWaterMark < 0 || leaderEpoch < 0) {
            throw new IllegalArgumentException("negative position in a batch: epoch " + leaderEpoch + ", previous "
                    + prevSequence + ", high-water mark " + highWaterMark);
        }
        long expected = prevSequence + 1;
        long epoch = prevEpoch;
        for (WalRecord r : records) {
            if (r.sequence() != expected) {
                throw new IllegalArgumentException("batch record " + r.sequence() + " where " + expected
                        + " was expected");
            }
            if (r.epoch() < epoch || r.epoch() > leaderEpoch) {
                throw new IllegalArgumentException("batch record " + r.sequence() + " has epoch " + r.epoch()
                        + ", outside " + Math.max(epoch, 0) + ".." + leaderEpoch);
            }
            epoch = r.epoch();
            expected++;
        }
    }

    /** The sequence of the last record, or {@code prevSequence} when empty. */
    public long lastSequence() {
        return prevSequence + records.size();
    }
}
