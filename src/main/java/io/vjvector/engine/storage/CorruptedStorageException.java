package io.vjvector.engine.storage;

/**
 * Stored data failed an integrity check (checksum, authentication tag, structure) somewhere other
 * than a torn write at the end of a log. Never retried or skipped: the data needs an operator
 * (restore from a replica or a snapshot).
 */
public class CorruptedStorageException extends RuntimeException {

    private final String source;
    private final long offset;

    /**
     * @param source the file or stream that holds the damage
     * @param offset byte offset of the damaged structure within {@code source}
     * @param reason what check failed
     */
    public CorruptedStorageException(String source, long offset, String reason) {
        super(source + " is corrupted at byte offset " + offset + ": " + reason);
        this.source = source;
        this.offset = offset;
    }

    /** The file or stream that holds the damage. */
    public String source() {
        return source;
    }

    /** Byte offset of the damaged structure within {@link #source()}. */
    public long offset() {
        return offset;
    }
}
