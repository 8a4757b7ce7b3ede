package io.vjvector.collection;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

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
     *
     * @param configVersion counts the changes of {@code params} since the collection was created
     *                      (0 at creation and in catalogs written before it existed). A cluster
     *                      data node records in its own catalog the version its copy has applied,
     *                      so that it can tell its copy behind the cluster catalog's entry
     */
    record Entry(String name, String directory, CollectionParams params, long configVersion) {

        private static final SecureRandom RANDOM = new SecureRandom();

        /** An entry at config version 0. */
        public Entry(String name, String directory, CollectionParams params) {
            this(name, directory, params, 0);
        }

        /** The same collection with changed settings: the next config version. */
        public Entry changed(CollectionParams next) {
            return new Entry(name, directory, next, configVersion + 1);
        }

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
     * Replaces the settings of collection {@code name} by {@code change} applied to the current
     * ones, as one durable change at the next config version ({@link Entry#changed}). A catalog
     * shared by several nodes applies {@code change} to the entry it replaces, atomically, so two
     * concurrent changes never lose one; the default suits a catalog only one process writes.
     *
     * @param change the next settings from the current ones; its exceptions (a bad request)
     *               propagate and change nothing
     * @return the entry recorded
     * @throws io.vjvector.error.VJVectorException NOT_FOUND when there is no such collection
     */
    default Entry change(String name, UnaryOperator<CollectionParams> change) throws IOException {
        Entry current = entry(name);
        if (current == null) {
            throw io.vjvector.error.VJVectorException.notFound("Collection `" + name + "` doesn't exist!");
        }
        Entry next = current.changed(change.apply(current.params()));
        put(next);
        return next;
    }

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
