package io.vjvector.collection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.engine.storage.AtomicFile;
import io.vjvector.engine.storage.DirectoryTree;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The collections of a data directory: {@code catalog.json} maps each collection name to its
 * directory under {@code collections/} and its settings. The catalog is the commit point of
 * creating and deleting a collection: it is replaced atomically after a new collection's files
 * exist and before a deleted one's are removed, so a directory the catalog does not name is the
 * leftover of an interrupted create or delete and is removed when the catalog is opened.
 *
 * <p>Directory names are derived from the collection name (a readable prefix) plus a random
 * suffix, because collection names may hold characters and lengths a file system refuses, and
 * so that re-creating a deleted name never meets its half-deleted files.
 *
 * <p>The catalog also holds the collection aliases (alias name to collection name); a catalog
 * written before aliases existed has none.
 */
final class CollectionCatalog implements Catalog, CollectionDirectories {

    static final String FILE = "catalog.json";
    static final String COLLECTIONS = "collections";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = CatalogJson.MAPPER;
    private static final System.Logger LOG = System.getLogger(CollectionCatalog.class.getName());

    /** The file's content; {@code aliases} is absent (null) in catalogs older than aliases. */
    record Content(int format, List<Entry> collections, Map<String, String> aliases) {
    }

    private final Path root;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private Map<String, String> aliases = Map.of();

    private CollectionCatalog(Path root) {
        this.root = root;
    }

    /**
     * Opens the catalog of {@code root} (an empty one if there is none) and removes collection
     * directories it does not name.
     *
     * @throws IOException if the catalog cannot be read or is not a catalog this version understands
     */
    static CollectionCatalog open(Path root) throws IOException {
        Files.createDirectories(root.resolve(COLLECTIONS));
        AtomicFile.removeLeftovers(root);
        CollectionCatalog catalog = new CollectionCatalog(root);
        Path file = root.resolve(FILE);
        if (Files.exists(file)) {
            Content content;
            try {
                content = JSON.readValue(file.toFile(), Content.class);
            } catch (IOException e) {
                throw new IOException("collection catalog " + file + " is not readable: " + e.getMessage(), e);
            }
            if (content.format() != FORMAT) {
                throw new IOException("collection catalog " + file + " has format " + content.format()
                        + "; this version reads format " + FORMAT);
            }
            for (Entry e : content.collections()) {
                catalog.entries.put(e.name(), e);
            }
            if (content.aliases() != null) {
                catalog.aliases = Map.copyOf(content.aliases());
            }
        }
        catalog.removeUnnamedDirectories();
        return catalog;
    }

    private void removeUnnamedDirectories() throws IOException {
        List<String> named = entries.values().stream().map(Entry::directory).toList();
        List<Path> orphans = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root.resolve(COLLECTIONS))) {
            for (Path dir : dirs) {
                if (!named.contains(dir.getFileName().toString())) {
                    orphans.add(dir);
                }
            }
        }
        for (Path orphan : orphans) {
            LOG.log(System.Logger.Level.INFO, "Removing {0}: not in the catalog (an interrupted create or delete)", orphan);
            DirectoryTree.delete(orphan);
        }
    }

    @Override
    public synchronized List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    @Override
    public synchronized Map<String, String> aliases() {
        return aliases;
    }

    @Override
    public synchronized void putAliases(Map<String, String> next) throws IOException {
        write(entries, next);
    }

    @Override
    public Path directory(Entry entry) {
        return root.resolve(COLLECTIONS).resolve(entry.directory());
    }

    /** Directory names are the collection name's readable prefix and a random suffix (see the class comment). */
    @Override
    public Entry newEntry(String name, CollectionParams params) {
        return Entry.withFreshDirectory(name, params);
    }

    @Override
    public synchronized void put(Entry entry) throws IOException {
        Map<String, Entry> next = new LinkedHashMap<>(entries);
        next.put(entry.name(), entry);
        write(next, aliases);
    }

    /** Its directory is left for the caller to delete. */
    @Override
    public synchronized void remove(String name, Map<String, String> nextAliases) throws IOException {
        Map<String, Entry> next = new LinkedHashMap<>(entries);
        next.remove(name);
        write(next, nextAliases);
    }

    private void write(Map<String, Entry> next, Map<String, String> nextAliases) throws IOException {
        Content content = new Content(FORMAT, List.copyOf(next.values()), new TreeMap<>(nextAliases));
        AtomicFile.write(root.resolve(FILE), out -> JSON.writeValue(out, content));
        Map<String, Entry> copy = new LinkedHashMap<>(next);
        entries.clear();
        entries.putAll(copy);
        aliases = Map.copyOf(nextAliases);
    }
}
