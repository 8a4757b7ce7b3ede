package io.vjvector.cluster.transport;

import io.vjvector.collection.wire.RemoteShardException;

/**
 * A call to another node that got no answer: the node refused the connection, did not answer in
 * time, or is skipped (its circuit is open, or too many calls to it are in flight).
 */
public final class NodeUnreachableException extends RemoteShardException {

    private final String nodeId;
    private final boolean maybeApplied;

    /**
     * @param maybeApplied whether the call may have reached the node (and a write been applied):
     *                     false only when it certainly was not sent
     */
    public NodeUnreachableException(String nodeId, String message, boolean maybeApplied, Throwable cause) {
        super("unreachable", "node " + nodeId + ": " + message, cause);
        this.nodeId = nodeId;
        this.maybeApplied = maybeApplied;
    }

    public String nodeId() {
        return nodeId;
    }

    /** Whether the call may have reached the node: a write then may or may not have been applied. */
    public boolean maybeApplied() {
        return maybeApplied;
    }
}
