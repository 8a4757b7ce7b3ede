package io.vjvector.security;

import java.util.Map;

/**
 * Where managed API keys are kept: a file on a standalone node ({@link ApiKeyFile}), etcd in a
 * cluster. A change is durable when its method returns, and from then on {@link #current} on
 * this node shows it.
 */
public interface ApiKeyRecords {

    /** Every key by id, in the order they were added; an immutable map, read without locking. */
    Map<String, ApiKeyRecord> current();

    /**
     * Stores a new key.
     *
     * @return false (and nothing changed) when a key with that id exists already
     * @throws java.io.UncheckedIOException when the key could not be stored
     */
    boolean add(ApiKeyRecord record);

    /**
     * Removes a key.
     *
     * @return false when no key has that id
     * @throws java.io.UncheckedIOException when the removal could not be stored (then the key still works)
     */
    boolean remove(String id);
}
