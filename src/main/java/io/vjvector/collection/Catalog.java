package io.vjvector.collection;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The table of contents of the collections: each collection's name and settings, and the
 * aliases. A standalone node keeps it in its data directory ({@link CollectionCatalog}); a cluster
 * keeps it in etcd ({@code io.vjvector.cluster.coordination.EtcdCatalog}); both write the JSON of
 * {@link CatalogJson}. Every change is durable when the call returns, and is the commit point of
 * the operation that makes it (creating, restoring or deleting a collection, changing aliases).
 */
public interface Catalog {

    /**
     * One collection: its name, settings and the directory (relative to the data directory's
     * collections) that holds its files on a node with disks.
     */
    record Entry(String name, String directory, CollectionParams params) {

        private static final SecureRandom RANDOM = new SecureRandom();

        /**
         * An entry whose directory name is the collection name's readable prefix (up to 40
         * characters, anything a file system might refuse replaced by {@code _}) and a random
         * suffix: names may hold characters and lengths a file system refuses, and re-creating a
         * deleted name must never meet its half-deleted files.
         */
        public static Entry withFreshDirectory(String name, CollectionParams params) {
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < name.length() && prefix.length() < 40; i++) {
                char c = name.charAt(i);
                prefix.append(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_') ? c : '_');
            }
            byte[] suffix = new byte[4];
            RANDOM.nextBytes(suffix);
            return new Entry(name, prefix + "-" + HexFormat.of().formatHex(suffix), params);
        }
    }

    /** Every collection, in the order recorded. */
    List<Entry> entries();

    /** Alias name to collection name. */
    Map<String, String> aliases();

    /**
     * The entry of collection {@code name}, or null. Asked on every request of a gateway: a
     * catalog that holds its entries by name answers it without a scan.
     */
    default Entry entry(String name) {
        for (Entry e : entries()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** A new entry (with a fresh directory name); not recorded until {@link #put}. */
    Entry newEntry(String name, CollectionParams params);

    /** Records (or replaces) an entry, durably. */
    void put(Entry entry) throws IOException;

    /**
     * Records a new entry, durably, unless its name is taken. A catalog shared by several nodes
     * decides this atomically; the default suits a catalog only one process writes.
     *
     * @throws io.vjvector.error.VJVectorException CONFLICT when a collection is already called so
     */
    default void create(Entry entry) throws IOException {
        if (entry(entry.name()) != null) {
            throw io.vjvector.error.VJVectorException.conflict("Collection `" + entry.name() + "` already exists!");
        }
        put(entry);
    }

    /**
     * Removes an entry and records {@code nextAliases} (those left once its aliases are dropped)
     * in the same durable change.
     */
    void remove(String name, Map<String, String> nextAliases) throws IOException;

    /** Records the aliases, durably. */
    void putAliases(Map<String, String> next) throws IOException;
}
