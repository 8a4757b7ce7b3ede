package io.vjvector.engine.storage;

/**
 * Encrypted data cannot be opened with the configured keys: the key id it needs is not
 * configured, or the key configured under that id is not the one that encrypted it. Fixed by
 * configuration (add the previous key), not by repairing data.
 */
public final class StorageKeyException extends RuntimeException {

    private final String keyId;

    public StorageKeyException(String keyId, String message) {
        super(message);
        this.keyId = keyId;
    }

    /** The key id the data was encrypted with. */
    public String keyId() {
        return keyId;
    }
}
