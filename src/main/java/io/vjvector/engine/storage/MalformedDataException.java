package io.vjvector.engine.storage;

/**
 * A decoder found bytes that break the format. Checked and package-private on purpose: each
 * caller turns it into the public exception that names its file ({@link WalCorruptedException},
 * {@link CorruptedStorageException}).
 */
final class MalformedDataException extends Exception {

    private final long offset;

    MalformedDataException(long offset, String reason) {
        super(reason, null, false, false);
        this.offset = offset;
    }

    long offset() {
        return offset;
    }

    String reason() {
        return getMessage();
    }
}
