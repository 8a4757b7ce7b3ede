package io.vjvector.collection.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.collection.CollectionImage;
import io.vjvector.collection.CollectionValidation;
import io.vjvector.collection.LoadedCollection;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.engine.storage.Sealer;
import io.vjvector.engine.storage.StorageKeyException;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * Qdrant's collection snapshots for the collections of this process: create a point-in-time
 * snapshot file while writes continue, list, download, delete, and restore one into a new or
 * existing collection.
 *
 * <p>A snapshot file is a {@link Sealer sealed} stream (every chunk checked; encrypted when a key
 * is configured) holding an archive: a manifest (settings, payload indexes) and one entry per
 * shard. Its SHA-256, the checksum Qdrant reports, is kept beside it.
 *
 * <p>A restore reads the whole file into a new collection that nobody can see yet and only then
 * swaps it in under the target name, so a damaged file changes nothing: the existing collection
 * (if any) stays as it was, and the client gets 400.
 *
 * <p>An alias stands for its collection in every operation, as in Qdrant.
 */
public final class CollectionSnapshots implements Snapshots {

    private static final System.Logger LOG = System.getLogger(CollectionSnapshots.class.getName());
    /** Qdrant's {@code priority} values; one node holds one copy, so they all restore the same way. */
    private static final Set<String> PRIORITIES = Set.of("no_sync", "snapshot", "replica");
    private static final String SHARD_ENTRY = "shards/";
    /** Shard entries hold {@link io.vjvector.engine.shard.ShardCheckpoint}s, which carry their own version. */
    private static final String SHARD_FORMAT = "shard-checkpoint";

    private final LocalCollectionService collections;
    private final SnapshotStore store;
    private final SnapshotLocations locations;
    private final Sealer sealer;
    private final ObjectMapper mapper;
    private final Clock clock;

    public CollectionSnapshots(LocalCollectionService collections, SnapshotStore store, SnapshotLocations locations,
                               Sealer sealer, ObjectMapper mapper, Clock clock) {
        this.collections = collections;
        this.store = store;
        this.locations = locations;
        this.sealer = sealer;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Writes a snapshot of {@code collection} as it is at one instant: writes that returned
     * before are in it, each write is in it whole or not at all, and writes wait only while the
     * shards are captured (a copy of graph links), not while the file is written.
     *
     * @throws VJVectorException NOT_FOUND when the collection does not exist
     */
    @Override
    public SnapshotDescription create(String asked) {
        String collection = collections.resolve(asked);
        Instant now = clock.instant();
        CollectionImage image = collections.capture(collection);
        try {
            SnapshotDescription written = store.write(collection, now, out -> {
                try (OutputStream sealed = sealer.seal(out)) {
                    writeArchive(collection, image, now, sealed);
                }
            });
            LOG.log(System.Logger.Level.INFO, "Snapshot {0} of collection `{1}`: {2} points, {3} bytes",
                    written.name(), collection, image.pointCount(), written.size());
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("writing a snapshot of " + collection, e);
        }
    }

    private void writeArchive(String collection, CollectionImage image, Instant now, OutputStream out) throws IOException {
        ArchiveWriter archive = new ArchiveWriter(out);
        SnapshotManifest manifest = new SnapshotManifest(collection, now, image.params(),
                new TreeMap<>(image.payloadIndexes()), SHARD_FORMAT);
        try (OutputStream entry = archive.entry(SnapshotManifest.ENTRY)) {
            entry.write(manifest.toJson(mapper));
        }
        for (int n = 0; n < image.params().shardNumber(); n++) {
            try (OutputStream entry = archive.entry(SHARD_ENTRY + n)) {
                image.writeShard(n, entry);
            }
        }
        archive.finish();
    }

    /** The snapshots directory. */
    @Override
    public Path directory() {
        return store.root();
    }

    /**
     * The snapshots of {@code collection}, oldest first.
     *
     * @throws VJVectorException NOT_FOUND when neither the collection nor snapshots of it exist
     */
    @Override
    public List<SnapshotDescription> list(String asked) {
        String collection = collections.resolve(asked);
        requireKnown(collection);
        return store.listed(collection);
    }

    /**
     * The file of snapshot {@code name}, for download.
     *
     * @throws VJVectorException NOT_FOUND when there is no such snapshot
     */
    @Override
    public Path file(String asked, String name) {
        String collection = collections.resolve(asked);
        requireKnown(collection);
        return store.existing(collection, name);
    }

    /** @throws VJVectorException NOT_FOUND when there is no such snapshot */
    @Override
    public void delete(String asked, String name) {
        String collection = collections.resolve(asked);
        requireKnown(collection);
        store.deleteExisting(collection, name);
    }

    /**
     * Restores the snapshot at {@code location} (see {@link SnapshotLocations}) into
     * {@code collection}, creating it or replacing it whole.
     *
     * @param checksum optional SHA-256 (hex) the file must have
     * @param priority optional Qdrant priority ({@code no_sync}, {@code snapshot}, {@code replica})
     * @throws VJVectorException BAD_REQUEST for a refused location, a checksum mismatch or a file
     *                           that is not a valid snapshot; NOT_FOUND when the location holds no file
     */
    @Override
    public void recover(String asked, String location, String checksum, String priority) {
        String collection = collections.resolve(asked);
        CollectionValidation.name(collection);
        checkPriority(priority);
        restore(collection, locations.resolve(location, collection), checksum);
    }

    /** Restores an uploaded snapshot file into {@code collection}; as {@link #recover}. */
    @Override
    public void recoverUploaded(String asked, Path file, String checksum, String priority) {
        String collection = collections.resolve(asked);
        CollectionValidation.name(collection);
        checkPriority(priority);
        restore(collection, file, checksum);
    }

    private void restore(String collection, Path file, String checksum) {
        LoadedCollection loaded;
        try {
            verifyChecksum(file, checksum);
        } catch (IOException e) {
            throw new UncheckedIOException("reading snapshot " + file, e);
        }
        try (InputStream in = sealer.openFile(file)) {
            loaded = read(in);
        } catch (StorageKeyException e) {
            throw invalid(e.getMessage(), e);
        } catch (VJVectorException e) {
            throw e.kind() == ErrorKind.BAD_REQUEST || e.kind() == ErrorKind.VALIDATION
                    ? invalid("the file describes an invalid collection: " + e.describe(), e) : e;
        } catch (IOException | RuntimeException e) {
            // Everything so far only read the file (checks, archive, checkpoints): the file is at
            // fault, however the reader noticed (a hostile file can trip any parser check).
            throw invalid("the file is damaged or not a VJVector snapshot: " + e.getMessage(), e);
        }
        collections.install(collection, loaded);
        LOG.log(System.Logger.Level.INFO, "Collection `{0}` restored from snapshot {1}: {2} points",
                collection, file.getFileName(), loaded.pointCount());
    }

    /** Step one of a restore: the whole file is read and checked into a collection no one sees yet. */
    private LoadedCollection read(InputStream in) throws IOException {
        ArchiveReader archive = new ArchiveReader(in);
        if (!SnapshotManifest.ENTRY.equals(archive.next())) {
            throw new InvalidSnapshotException("the archive does not start with " + SnapshotManifest.ENTRY);
        }
        byte[] json = archive.content().readNBytes(SnapshotManifest.MAX_BYTES + 1);
        if (json.length > SnapshotManifest.MAX_BYTES) {
            throw new InvalidSnapshotException("snapshot manifest is larger than " + SnapshotManifest.MAX_BYTES + " bytes");
        }
        SnapshotManifest manifest = SnapshotManifest.parse(mapper, json);
        if (!SHARD_FORMAT.equals(manifest.shardFormat())) {
            throw new InvalidSnapshotException("shard format '" + manifest.shardFormat()
                    + "' is not supported (this build reads " + SHARD_FORMAT + ")");
        }
        LoadedCollection loaded = collections.load(manifest.params(), n -> {
            String entry = archive.next();
            if (!(SHARD_ENTRY + n).equals(entry)) {
                throw new InvalidSnapshotException("expected archive entry " + SHARD_ENTRY + n + ", found "
                        + (entry == null ? "the end of the archive" : entry));
            }
            return archive.content();
        });
        archive.expectEnd();
        return loaded;
    }

    private static void verifyChecksum(Path file, String expected) throws IOException {
        if (expected == null) {
            return;
        }
        String wanted = expected.strip().toLowerCase(Locale.ROOT);
        if (!wanted.matches("[0-9a-f]{64}")) {
            throw VJVectorException.badRequest("checksum", "checksum must be a SHA-256 in hex (64 characters)");
        }
        String actual = SnapshotStore.sha256Hex(file);
        if (!actual.equals(wanted)) {
            throw VJVectorException.badRequest("checksum", "the snapshot's SHA-256 is " + actual + ", not " + wanted);
        }
    }

    private static void checkPriority(String priority) {
        if (priority != null && !PRIORITIES.contains(priority)) {
            throw VJVectorException.badRequest("priority", "priority must be one of no_sync, snapshot, replica");
        }
    }

    private void requireKnown(String collection) {
        if (!collections.exists(collection) && (collection == null || !knownDirectory(collection))) {
            throw VJVectorException.notFound("Collection `" + collection + "` doesn't exist!");
        }
    }

    private boolean knownDirectory(String collection) {
        try {
            CollectionValidation.name(collection);
        } catch (VJVectorException e) {
            return false;
        }
        return store.hasDirectory(collection);
    }

    private static VJVectorException invalid(String message, Throwable cause) {
        return new VJVectorException(ErrorKind.BAD_REQUEST, "snapshot", message, cause);
    }
}
