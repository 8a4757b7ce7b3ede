package io.vjvector.engine.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the indexes of one shard keep records that Qdrant's {@code on_disk: true} asks to keep
 * on disk: memory-mapped files in the shard's directory, which the page cache serves and the
 * kernel may evict under memory pressure. Everything else, and everything of a shard that has no
 * directory, is kept in direct buffers.
 *
 * <p>Durability: the files are scratch space, never a source of truth. The write-ahead log and
 * the checkpoints stay what they are (a checkpoint still holds every vector), and each open of a
 * shard deletes the files it finds and writes new ones while it loads the checkpoint and replays
 * the log. Loading reads the whole checkpoint either way (it is one sealed stream, its checksums
 * cover the vectors and the graph after them), so reusing an old file would save only its writes
 * and would need a version, a checksum and a sequence of its own; a damaged, short or stale file
 * is never read, whatever happened to it. Nothing is synced: a crash loses nothing the log and
 * the checkpoint do not hold.
 *
 * <p>With encryption at rest, the files hold the vectors in plaintext, as direct buffers hold
 * them in memory (which may be swapped): keep such fields in memory when that matters.
 */
public final class VectorStorage {

    /** Suffix of the files this storage maps. */
    public static final String FILE_SUFFIX = ".records";
    private static final VectorStorage MEMORY = new VectorStorage(null);

    private final Path directory;

    private VectorStorage(Path directory) {
        this.directory = directory;
    }

    /** Every record in direct buffers: for shards that live only in memory. */
    public static VectorStorage memory() {
        return MEMORY;
    }

    /**
     * Records of on-disk fields mapped from files in {@code directory} (created if missing). Files
     * left there by an earlier open are deleted first: they are never read.
     *
     * @throws IOException if the directory cannot be created or cleared
     */
    public static VectorStorage files(Path directory) throws IOException {
        Files.createDirectories(directory);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "*" + FILE_SUFFIX)) {
            for (Path file : leftovers) {
                Files.deleteIfExists(file);
            }
        }
        return new VectorStorage(directory);
    }

    /** The directory of mapped files, or null when everything is kept in memory. */
    public Path directory() {
        return directory;
    }

    /**
     * Records of {@code recordBytes}: mapped from a new file named after {@code kind} when
     * {@code onDisk} and this storage has a directory, else in direct buffers of at most
     * {@code directPageBytes}.
     *
     * @throws UncheckedIOException if the file cannot be created
     */
    OffHeapRecords records(int recordBytes, boolean onDisk, String kind, int directPageBytes) {
        if (!onDisk || directory == null) {
            return OffHeapRecords.of(recordBytes, null, directPageBytes);
        }
        try {
            return OffHeapRecords.of(recordBytes,
                    new MappedRecordFile(Files.createTempFile(directory, kind + "-", FILE_SUFFIX)), directPageBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a " + kind + " file in " + directory + ": "
                    + e.getMessage(), e);
        }
    }
}
