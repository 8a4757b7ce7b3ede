package io.vjvector.collection.snapshot;

import io.vjvector.engine.storage.AtomicFile;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The snapshot directory: one sub-directory per collection holding {@code NAME.snapshot} files,
 * each with a {@code NAME.snapshot.checksum} file beside it holding its SHA-256 in hex (as Qdrant
 * keeps them). Files are written atomically, so after a crash a snapshot is either complete or
 * absent; a checksum file lost in a crash is recomputed when the snapshot is next listed.
 *
 * <p>Snapshot names come from clients when downloading and deleting; only plain file names
 * ending in {@value #SUFFIX} are looked up, so a name can never reach outside the directory.
 */
public final class SnapshotStore {

    static final String SUFFIX = ".snapshot";
    static final String CHECKSUM_SUFFIX = ".checksum";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
    /** Leaves room for the time stamp, a counter and the suffixes within a 255-byte file name. */
    private static final int MAX_PREFIX_BYTES = 160;
    private static final Pattern SAFE_NAME = Pattern.compile("[^/\\\\\\x00]+\\.snapshot");

    private final Path root;
    /** Names being written right now, so two snapshots taken in the same second get different names. */
    private final Set<Path> reserved = new HashSet<>();

    /** @param root the snapshots directory; created on first write */
    public SnapshotStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The directory holding {@code collection}'s snapshots (a name checked by CollectionValidation). */
    public Path directory(String collection) {
        return root.resolve(collection);
    }

    /**
     * Atomically writes a new snapshot of {@code collection} with the bytes {@code content}
     * produces, and its checksum file.
     */
    public SnapshotDescription write(String collection, Instant now, AtomicFile.Content content) throws IOException {
        Path dir = directory(collection);
        Files.createDirectories(dir);
        Path target = reserve(dir, collection, now);
        try {
            MessageDigest sha = sha256();
            AtomicFile.write(target, out -> {
                try (OutputStream digesting = new DigestOutputStream(out, sha)) {
                    content.writeTo(digesting);
                }
            });
            String checksum = HexFormat.of().formatHex(sha.digest());
            writeChecksum(target, checksum);
            return new SnapshotDescription(target.getFileName().toString(), now, Files.size(target), checksum);
        } finally {
            release(target);
        }
    }

    private synchronized Path reserve(Path dir, String collection, Instant now) {
        String base = truncate(collection) + "-" + STAMP.format(now);
        for (int n = 1; ; n++) {
            Path candidate = dir.resolve(base + (n == 1 ? "" : "-" + n) + SUFFIX);
            if (!reserved.contains(candidate) && !Files.exists(candidate)) {
                reserved.add(candidate);
                return candidate;
            }
        }
    }

    private synchronized void release(Path target) {
        reserved.remove(target);
    }

    /** Cuts a long collection name at a character boundary so the file name stays short enough. */
    private static String truncate(String collection) {
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < collection.length(); ) {
            int cp = collection.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > MAX_PREFIX_BYTES) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** The snapshots of {@code collection}, oldest first; empty when it has none. */
    public List<SnapshotDescription> list(String collection) throws IOException {
        Path dir = directory(collection);
        List<SnapshotDescription> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    out.add(describe(file));
                } catch (NoSuchFileException e) {
                    // Deleted while listing: it is simply not there any more.
                }
            }
        }
        out.sort(Comparator.comparing(SnapshotDescription::creationTime).thenComparing(SnapshotDescription::name));
        return out;
    }

    /** Deletes temporary files of snapshots a crash interrupted. */
    public void removeLeftovers() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
                AtomicFile.removeLeftovers(dir);
            }
        }
    }

    /** Whether {@code collection} has a snapshot directory (it may outlive the collection). */
    public boolean hasDirectory(String collection) {
        return Files.isDirectory(directory(collection));
    }

    /** The file of snapshot {@code name} of {@code collection}, if there is one. */
    public Optional<Path> find(String collection, String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches() || name.startsWith(".")) {
            return Optional.empty();
        }
        Path file = directory(collection).resolve(name);
        return Files.isRegularFile(file) && file.getParent().equals(directory(collection))
                ? Optional.of(file) : Optional.empty();
    }

    /** {@link #list}, for the services: a failure to read the directory is unexpected there. */
    public List<SnapshotDescription> listed(String collection) {
        try {
            return list(collection);
        } catch (IOException e) {
            throw new UncheckedIOException("listing snapshots of " + collection, e);
        }
    }

    /**
     * The file of snapshot {@code name} of {@code collection}.
     *
     * @throws VJVectorException NOT_FOUND when there is none
     */
    public Path existing(String collection, String name) {
        return find(collection, name).orElseThrow(() -> notFound(collection, name));
    }

    /**
     * Deletes snapshot {@code name} of {@code collection} and its checksum file.
     *
     * @throws VJVectorException NOT_FOUND when there is none
     */
    public void deleteExisting(String collection, String name) {
        try {
            if (!delete(collection, name)) {
                throw notFound(collection, name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting snapshot " + name, e);
        }
    }

    private static VJVectorException notFound(String collection, String name) {
        return VJVectorException.notFound("Snapshot `" + name + "` of collection `" + collection + "` not found");
    }

    /** Deletes snapshot {@code name} of {@code collection} and its checksum file; false if there was none. */
    public boolean delete(String collection, String name) throws IOException {
        Optional<Path> file = find(collection, name);
        if (file.isEmpty()) {
            return false;
        }
        boolean deleted = Files.deleteIfExists(file.get());
        Files.deleteIfExists(checksumFile(file.get()));
        AtomicFile.syncDirectory(file.get().getParent());
        return deleted;
    }

    /** Name, time, size and checksum of a snapshot file; computes a missing checksum file. */
    SnapshotDescription describe(Path file) throws IOException {
        long size = Files.size(file);
        Instant created = Files.getLastModifiedTime(file).toInstant();
        Path sidecar = checksumFile(file);
        String checksum = null;
        if (Files.isRegularFile(sidecar)) {
            checksum = Files.readString(sidecar, StandardCharsets.US_ASCII).strip();
        }
        if (checksum == null || !checksum.matches("[0-9a-f]{64}")) {
            checksum = sha256Hex(file);
            writeChecksum(file, checksum);
        }
        return new SnapshotDescription(file.getFileName().toString(), created, size, checksum);
    }

    private static void writeChecksum(Path snapshot, String checksum) throws IOException {
        AtomicFile.write(checksumFile(snapshot), out -> out.write(checksum.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Path checksumFile(Path snapshot) {
        return snapshot.resolveSibling(snapshot.getFileName() + CHECKSUM_SUFFIX);
    }

    /** SHA-256 of a file's bytes in lower-case hex. */
    public static String sha256Hex(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
