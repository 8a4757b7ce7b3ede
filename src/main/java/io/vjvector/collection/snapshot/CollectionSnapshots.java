package io.vjvector.collection.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.collection.CollectionInfo;
import io.vjvector.collection.CollectionValidation;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.ShardRouter;
import io.vjvector.collection.ShardedCollection;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.storage.CorruptedStorageException;
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
import java.util.Map;
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
 */
public final class CollectionSnapshots {

    /** Qdrant's {@code priority} values; one node holds one copy, so they all restore the same way. */
    private static final Set<String> PRIORITIES = Set.of("no_sync", "snapshot", "replica");
    private static final String SHARD_ENTRY = "shards/";

    private final LocalCollectionService collections;
    private final SnapshotStore store;
    private final SnapshotLocations locations;
    private final Sealer sealer;
    private final ObjectMapper mapper;
    private final ShardCodec codec;
    private final Clock clock;

    public CollectionSnapshots(LocalCollectionService collections, SnapshotStore store, SnapshotLocations locations,
                               Sealer sealer, ObjectMapper mapper, Clock clock) {
        this.collections = collections;
        this.store = store;
        this.locations = locations;
        this.sealer = sealer;
        this.mapper = mapper;
        this.codec = new ShardCodec(mapper);
        this.clock = clock;
    }

    /**
     * Writes a snapshot of {@code collection} as it is at one instant: writes that returned
     * before are in it, each write is in it whole or not at all, and writes wait only while
     * the shards are being copied.
     *
     * @throws VJVectorException NOT_FOUND when the collection does not exist
     */
    public SnapshotDescription create(String collection) {
        ShardedCollection source = collections.get(collection);
        Instant now = clock.instant();
        try {
            return store.write(collection, now, out -> {
                try (OutputStream sealed = sealer.seal(out)) {
                    source.withWritesPaused(() -> {
                        writeArchive(source, now, sealed);
                        return null;
                    });
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("writing a snapshot of " + collection, e);
        }
    }

    private void writeArchive(ShardedCollection source, Instant now, OutputStream out) throws IOException {
        ArchiveWriter archive = new ArchiveWriter(out);
        CollectionInfo info = source.info();
        Map<String, PayloadSchemaType> indexes = new TreeMap<>();
        info.payloadSchema().forEach((key, field) -> indexes.put(key, field.type()));
        SnapshotManifest manifest = new SnapshotManifest(source.name(), now, source.params(), indexes, ShardCodec.FORMAT);
        try (OutputStream entry = archive.entry(SnapshotManifest.ENTRY)) {
            entry.write(manifest.toJson(mapper));
        }
        for (int i = 0; i < source.shards().size(); i++) {
            try (OutputStream entry = archive.entry(SHARD_ENTRY + i)) {
                codec.write(source.shards().get(i), entry);
            }
        }
        archive.finish();
    }

    /**
     * The snapshots of {@code collection}, oldest first.
     *
     * @throws VJVectorException NOT_FOUND when neither the collection nor snapshots of it exist
     */
    public List<SnapshotDescription> list(String collection) {
        requireKnown(collection);
        try {
            return store.list(collection);
        } catch (IOException e) {
            throw new UncheckedIOException("listing snapshots of " + collection, e);
        }
    }

    /**
     * The file of snapshot {@code name}, for download.
     *
     * @throws VJVectorException NOT_FOUND when there is no such snapshot
     */
    public Path file(String collection, String name) {
        requireKnown(collection);
        return store.find(collection, name).orElseThrow(() -> snapshotNotFound(collection, name));
    }

    /** @throws VJVectorException NOT_FOUND when there is no such snapshot */
    public void delete(String collection, String name) {
        requireKnown(collection);
        try {
            if (!store.delete(collection, name)) {
                throw snapshotNotFound(collection, name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting snapshot " + name, e);
        }
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
    public void recover(String collection, String location, String checksum, String priority) {
        CollectionValidation.name(collection);
        checkPriority(priority);
        restore(collection, locations.resolve(location, collection), checksum);
    }

    /** Restores an uploaded snapshot file into {@code collection}; as {@link #recover}. */
    public void recoverUploaded(String collection, Path file, String checksum, String priority) {
        CollectionValidation.name(collection);
        checkPriority(priority);
        restore(collection, file, checksum);
    }

    private void restore(String collection, Path file, String checksum) {
        try {
            verifyChecksum(file, checksum);
            ShardedCollection restored;
            try (InputStream in = sealer.openFile(file)) {
                restored = read(collection, in);
            }
            collections.install(restored);
        } catch (InvalidSnapshotException | CorruptedStorageException e) {
            throw invalid("the file is damaged or not a VJVector snapshot: " + e.getMessage(), e);
        } catch (StorageKeyException e) {
            throw invalid(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading snapshot " + file, e);
        }
    }

    private ShardedCollection read(String collection, InputStream in) throws IOException {
        ArchiveReader archive = new ArchiveReader(in);
        if (!SnapshotManifest.ENTRY.equals(archive.next())) {
            throw new InvalidSnapshotException("the archive does not start with " + SnapshotManifest.ENTRY);
        }
        byte[] json = archive.content().readNBytes(SnapshotManifest.MAX_BYTES + 1);
        if (json.length > SnapshotManifest.MAX_BYTES) {
            throw new InvalidSnapshotException("snapshot manifest is larger than " + SnapshotManifest.MAX_BYTES + " bytes");
        }
        SnapshotManifest manifest = SnapshotManifest.parse(mapper, json);
        if (!ShardCodec.FORMAT.equals(manifest.shardFormat())) {
            throw new InvalidSnapshotException("shard format '" + manifest.shardFormat()
                    + "' is not supported (this build reads " + ShardCodec.FORMAT + ")");
        }
        ShardedCollection target = collections.detached(collection, manifest.params());
        ShardRouter router = new ShardRouter(manifest.params().shardNumber());
        try {
            for (int i = 0; i < manifest.params().shardNumber(); i++) {
                String entry = archive.next();
                if (!(SHARD_ENTRY + i).equals(entry)) {
                    throw new InvalidSnapshotException("expected archive entry " + SHARD_ENTRY + i + ", found "
                            + (entry == null ? "the end of the archive" : entry));
                }
                codec.read(archive.content(), manifest.params().vectorSize(), router, target.shards().get(i));
            }
            archive.expectEnd();
            manifest.payloadIndexes().forEach(target::createFieldIndex);
        } catch (VJVectorException e) {
            // The engine refused content that passed the file's checks (a vector with NaN, ...).
            if (e.kind() != ErrorKind.BAD_REQUEST) {
                throw e;
            }
            throw new InvalidSnapshotException("the engine refused its content: " + e.getMessage(), e);
        }
        return target;
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

    private static VJVectorException snapshotNotFound(String collection, String name) {
        return VJVectorException.notFound("Snapshot `" + name + "` of collection `" + collection + "` not found");
    }

    private static VJVectorException invalid(String message, Throwable cause) {
        return new VJVectorException(ErrorKind.BAD_REQUEST, "snapshot", message, cause);
    }
}
