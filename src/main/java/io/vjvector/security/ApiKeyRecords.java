package io.vjvector.security;

import java.util.Map;
import java.util.Optional;

/**
 * Where managed API keys are kept: a file on a standalone node ({@link ApiKeyFile}), etcd in a
 * cluster. A change is durable when its method returns, and from then on {@link #current} on
 * this node shows it.
 */
public interface ApiKeyRecords {

    /**
     * Why {@link #current} may be out of date and must not be relied on to accept a key, or empty
     * when it is up to date. A file is always up to date; a copy of etcd's keys is not while this
     * node cannot confirm it with etcd (see {@code EtcdApiKeys}).
     */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

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
