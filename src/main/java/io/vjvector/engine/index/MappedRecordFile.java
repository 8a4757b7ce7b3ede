package io.vjvector.engine.index;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file whose regions are mapped into memory as the pages of {@link OffHeapRecords}. The file is
 * scratch space, never a source of truth (see {@link VectorStorage}): it is not synced and is
 * deleted once its records are unreachable, or at the next open of its directory after a crash.
 *
 * <p>Java 17 cannot unmap a buffer safely (a search still reading would crash the process), so a
 * mapping lives until the garbage collector frees its buffer; on Linux the file may be deleted
 * before that, the mapping keeping its data until then.
 */
final class MappedRecordFile {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final int ZEROS = 1 << 16;

    private final Path path;

    /**
     * Takes over {@code path} (an empty file): it is deleted once this object is unreachable.
     * Registered here, not by the caller, so that no path outlives its owner undeleted.
     */
    MappedRecordFile(Path path) {
        this.path = path;
        CLEANER.register(this, new Delete(path));
    }

    Path path() {
        return path;
    }

    /**
     * Maps {@code [position, position + bytes)} read-write, little-endian, growing the file to hold
     * it. The new part is written with zeros before it is mapped so that its disk blocks exist:
     * a full disk then fails here with an {@link IOException}, where a sparse file would fail a
     * later store into the mapping with SIGBUS.
     *
     * @throws java.nio.file.NoSuchFileException if the file was deleted (its shard was closed and
     *         reopened): nothing is created in its place
     */
    MappedByteBuffer map(long position, int bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = position + bytes;
            ByteBuffer zeros = ByteBuffer.allocate(ZEROS);
            for (long at = Math.max(channel.size(), position); at < end; ) {
                zeros.clear().limit((int) Math.min(ZEROS, end - at));
                at += channel.write(zeros, at);
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, position, bytes);
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            return mapped;
        }
    }

    /** Deletes the file; holds only its path, never its owner (that would keep the owner reachable). */
    private record Delete(Path path) implements Runnable {
        @Override
        public void run() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException | RuntimeException e) {
                // Left for the next open of the directory, which deletes leftovers.
            }
        }
    }
}
