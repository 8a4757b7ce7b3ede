package io.vjvector.engine.replication;

/**
 * A leader's answer to "where does epoch E end in your log?", which a rejoining replica
 * truncates by (Kafka's OffsetsForLeaderEpoch).
 *
 * @param epoch       the largest epoch at or below the one asked about that the log knows, or
 *                    {@link #UNKNOWN} when it knows none (the replica needs a snapshot)
 * @param endSequence the last sequence of that epoch: the first sequence of the next epoch minus
 *                    one, or the log's last sequence when it is the newest epoch
 */
public record EpochEnd(long epoch, long endSequence) {

    /** No epoch at or below the one asked about is known. */
    public static final long UNKNOWN = -1;

    /** The answer when no epoch at or below the one asked about is known. */
    public static EpochEnd unknown() {
        return new EpochEnd(UNKNOWN, UNKNOWN);
    }

    public boolean known() {
        return epoch != UNKNOWN;
    }
}
