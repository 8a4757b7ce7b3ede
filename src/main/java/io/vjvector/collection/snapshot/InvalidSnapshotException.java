package io.vjvector.collection.snapshot;

/**
 * A snapshot file is not one this build can restore: damaged, truncated, foreign, of a newer
 * format, or describing an impossible collection. Always the client's input, never a server fault.
 */
public final class InvalidSnapshotException extends RuntimeException {

    public InvalidSnapshotException(String reason) {
        super(reason);
    }

    public InvalidSnapshotException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
