package io.vjvector.collection;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The table of contents of the collections: each collection's name and settings, and the
 * aliases. A standalone node keeps it in its data directory ({@link CollectionCatalog}); a cluster
 * will keep it in etcd. Every change is durable when the call returns, and is the commit point of
 * the operation that makes it (creating, restoring or deleting a collection, changing aliases).
 */
public interface Catalog {

    /**
     * One collection: its name, settings and the directory (relative to the data directory's
     * collections) that holds its files on a node with disks.
     */
    record Entry(String name, String directory, CollectionParams params) {
    }

    /** Every collection, in the order recorded. */
    List<Entry> entries();

    /** Alias name to collection name. */
    Map<String, String> aliases();

    /** A new entry (with a fresh directory name); not recorded until {@link #put}. */
    Entry newEntry(String name, CollectionParams params);

    /** Records (or replaces) an entry, durably. */
    void put(Entry entry) throws IOException;

    /**
     * Removes an entry and records {@code nextAliases} (those left once its aliases are dropped)
     * in the same durable change.
     */
    void remove(String name, Map<String, String> nextAliases) throws IOException;

    /** Records the aliases, durably. */
    void putAliases(Map<String, String> next) throws IOException;
}
