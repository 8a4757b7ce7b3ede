package io.vjvector.engine.storage;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file all-or-nothing, for checkpoints, snapshots and new WAL segments: after a
 * crash the target holds either its old content or the complete new content, never a mix.
 *
 * <p>Sequence: write {@code name.tmp}, fsync it (data before the rename, or the rename can
 * reach the disk first and expose an empty file), rename over the target, fsync the directory
 * (the rename itself is directory metadata and is otherwise not durable).
 */
public final class AtomicFile {

    /** Suffix of files still being written; {@link #removeLeftovers} deletes them after a crash. */
    public static final String TEMP_SUFFIX = ".tmp";

    private AtomicFile() {
    }

    /** Writes a file's content; may close the stream it is given (closing only flushes). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Atomically and durably replaces {@code target} with what {@code content} writes. On any
     * failure the target is untouched and the temporary file is removed.
     */
    public static void write(Path target, Content content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        // The channel must stay open for the fsync below.
                        out.flush();
                    }
                });
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Makes creations, renames and deletions of entries in {@code directory} durable (fsync on
     * the directory itself, as POSIX requires).
     */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Deletes temporary files a crash left behind in {@code directory}.
     *
     * @return how many were deleted
     */
    public static int removeLeftovers(Path directory) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, "*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                Files.delete(temp);
                removed++;
            }
        }
        if (removed > 0) {
            syncDirectory(directory);
        }
        return removed;
    }
}
