package io.vjvector.collection.wire;

/**
 * A shard call that failed on the shard's side with an unexpected error (not a
 * {@link io.vjvector.error.VJVectorException}, which crosses the wire as itself): carries the
 * error's type and message, as the stack trace stays with the node that logged it. Subclasses
 * say that the call did not get an answer at all (the node is unreachable). Either way the copy
 * failed, and a read may go to another copy.
 */
public class RemoteShardException extends RuntimeException {

    private final String remoteType;

    public RemoteShardException(String remoteType, String message) {
        super(remoteType + ": " + message);
        this.remoteType = remoteType;
    }

    protected RemoteShardException(String remoteType, String message, Throwable cause) {
        super(remoteType + ": " + message, cause);
        this.remoteType = remoteType;
    }

    /** The class name of the error on the shard's side. */
    public String remoteType() {
        return remoteType;
    }
}
