package io.vjvector.engine.replication;

/**
 * A follower asked for records the leader's log no longer holds (a checkpoint covered and removed
 * them): it must be re-created from a snapshot of the leader, then follow from the snapshot's
 * sequence + 1.
 */
public final class SnapshotRequiredException extends Exception {

    private final long requested;
    private final long logStart;

    public SnapshotRequiredException(long requested, long logStart) {
        super("sequence " + requested + " is no longer in the leader's log, which starts at " + logStart
                + ": the follower needs a snapshot");
        this.requested = requested;
        this.logStart = logStart;
    }

    public long requested() {
        return requested;
    }

    public long logStart() {
        return logStart;
    }
}
