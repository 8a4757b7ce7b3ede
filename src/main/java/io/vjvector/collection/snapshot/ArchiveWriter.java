package io.vjvector.collection.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the plaintext container of a snapshot: a magic and version, then named entries, then an
 * end marker. An entry's content is framed in length-prefixed blocks ended by an empty block, so
 * a producer can stream an entry without knowing its size in advance (a shard checkpoint is
 * written while it is produced). Integrity is not this layer's job: the whole container is
 * written through a {@link io.vjvector.engine.storage.Sealer}, which checks every chunk.
 *
 * <pre>
 * magic "VJVSNAP\n" (8 bytes)  u16 version
 * entry*: u16 nameLength (1..MAX_NAME_BYTES)  name (UTF-8)
 *         block*: i32 length (1..MAX_BLOCK_BYTES)  bytes
 *         i32 0
 * u16 0                                        end of archive
 * </pre>
 */
final class ArchiveWriter {

    static final byte[] MAGIC = "VJVSNAP\n".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int MAX_NAME_BYTES = 1024;
    static final int MAX_BLOCK_BYTES = 1 << 20;
    private static final int BLOCK_BYTES = 1 << 16;

    private final DataOutputStream out;
    private EntryStream open;
    private boolean finished;

    ArchiveWriter(OutputStream out) throws IOException {
        this.out = new DataOutputStream(out);
        this.out.write(MAGIC);
        this.out.writeShort(VERSION);
    }

    /**
     * Starts entry {@code name}; write its content to the returned stream and close it before the
     * next entry. Closing the entry stream does not close the archive.
     */
    OutputStream entry(String name) throws IOException {
        if (open != null || finished) {
            throw new IllegalStateException("previous entry still open or archive finished");
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("entry name must be 1.." + MAX_NAME_BYTES + " bytes: " + name);
        }
        out.writeShort(bytes.length);
        out.write(bytes);
        open = new EntryStream();
        return open;
    }

    /** Writes the end marker and flushes; the underlying stream stays open. */
    void finish() throws IOException {
        if (open != null) {
            throw new IllegalStateException("entry still open");
        }
        finished = true;
        out.writeShort(0);
        out.flush();
    }

    /** Buffers one block so that many small writes become few framed blocks. */
    private final class EntryStream extends OutputStream {

        private final byte[] block = new byte[BLOCK_BYTES];
        private int filled;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            if (filled == block.length) {
                emit();
            }
            block[filled++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("archive entry is closed");
            }
            while (len > 0) {
                if (filled == block.length) {
                    emit();
                }
                int n = Math.min(len, block.length - filled);
                System.arraycopy(b, off, block, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void emit() throws IOException {
            out.writeInt(filled);
            out.write(block, 0, filled);
            filled = 0;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (filled > 0) {
                emit();
            }
            out.writeInt(0);
            open = null;
        }
    }
}
