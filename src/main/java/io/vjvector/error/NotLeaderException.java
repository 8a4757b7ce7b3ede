package io.vjvector.error;

/**
 * A write sent to a copy of a shard that does not lead it, with what that copy knows of the
 * current leadership, so that the caller can re-route without waiting for its own view to catch up.
 * It crosses the shard wire as itself (kind, epoch and leader).
 */
public final class NotLeaderException extends VJVectorException {

    /** Epoch value meaning "not known". */
    public static final long UNKNOWN_EPOCH = -1;

    private final long epoch;
    private final String leaderNodeId;

    /**
     * @param epoch        the current leader epoch of the shard as this copy knows it, or {@link #UNKNOWN_EPOCH}
     * @param leaderNodeId the node id of the current leader, or null when not known
     */
    public NotLeaderException(String message, long epoch, String leaderNodeId) {
        super(ErrorKind.NOT_LEADER, null, message);
        this.epoch = epoch;
        this.leaderNodeId = leaderNodeId;
    }

    public long epoch() {
        return epoch;
    }

    /** Null when not known. */
    public String leaderNodeId() {
        return leaderNodeId;
    }
}
