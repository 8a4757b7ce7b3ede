package io.vjvector.collection.wire;

/**
 * A shard message that is not what this version writes: a bug or a version mismatch between
 * nodes, never a client's mistake (clients' input is checked at the edge, before it is encoded).
 */
public final class WireFormatException extends RuntimeException {

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
