package io.vjvector.collection.snapshot;

import io.vjvector.engine.storage.BlockInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link ArchiveWriter} wrote, one entry after the other. Every length is checked
 * against the format's bounds before anything is allocated, so a hostile file cannot make the
 * reader allocate more than one block.
 *
 * @throws InvalidSnapshotException (from every method) when the bytes break the format
 */
final class ArchiveReader {

    private final DataInputStream in;
    /** Read through {@link #in}, which does not buffer: its bound on what is left is the archive's. */
    private final InputStream source;
    private EntryStream current;
    private boolean ended;

    ArchiveReader(InputStream in) throws IOException {
        this.in = new DataInputStream(in);
        this.source = in;
        byte[] magic = readExactly(ArchiveWriter.MAGIC.length, "the archive header");
        if (!Arrays.equals(magic, ArchiveWriter.MAGIC)) {
            throw new InvalidSnapshotException("not a VJVector collection snapshot (bad archive magic)");
        }
        int version = this.in.readUnsignedShort();
        if (version != ArchiveWriter.VERSION) {
            throw new InvalidSnapshotException("snapshot archive version " + version
                    + " is not supported (this build reads version " + ArchiveWriter.VERSION + ")");
        }
    }

    /**
     * Moves to the next entry, skipping what is left of the current one.
     *
     * @return the entry's name, or null at the end of the archive
     */
    String next() throws IOException {
        if (ended) {
            return null;
        }
        if (current != null) {
            current.skipRest();
            current = null;
        }
        int length = readUnsignedShort();
        if (length == 0) {
            ended = true;
            return null;
        }
        if (length > ArchiveWriter.MAX_NAME_BYTES) {
            throw new InvalidSnapshotException("archive entry name of " + length + " bytes");
        }
        String name = new String(readExactly(length, "an entry name"), StandardCharsets.UTF_8);
        current = new EntryStream();
        return name;
    }

    /** The content of the entry {@link #next()} moved to; valid until the next call to it. */
    InputStream content() {
        if (current == null) {
            throw new IllegalStateException("no current entry");
        }
        return current;
    }

    /** Checks that the archive ended and nothing follows it. */
    void expectEnd() throws IOException {
        if (!ended && next() != null) {
            throw new InvalidSnapshotException("unexpected archive entry after the last shard");
        }
        if (in.read() >= 0) {
            throw new InvalidSnapshotException("data after the end of the archive");
        }
    }

    private int readUnsignedShort() throws IOException {
        try {
            return in.readUnsignedShort();
        } catch (EOFException e) {
            throw truncated("an entry header");
        }
    }

    private byte[] readExactly(int n, String what) throws IOException {
        byte[] b = new byte[n];
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw truncated(what);
        }
        return b;
    }

    private static InvalidSnapshotException truncated(String what) {
        return new InvalidSnapshotException("snapshot archive ends inside " + what + " (truncated)");
    }

    /** The blocks of one entry as a plain stream; ends at the entry's empty block. */
    private final class EntryStream extends BlockInputStream {

        private int remaining;
        private boolean done;

        /** What is left of the archive bounds what is left of this entry. */
        @Override
        public long remainingBound() {
            return source instanceof BlockInputStream block ? block.remainingBound() : Long.MAX_VALUE;
        }

        @Override
        protected int readBlock(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, Math.min(len, remaining));
            if (n < 0) {
                throw truncated("an entry block");
            }
            remaining -= n;
            return n;
        }

        @Override
        protected boolean nextBlockIfNeeded() throws IOException {
            while (remaining == 0 && !done) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException e) {
                    throw truncated("an entry block header");
                }
                if (length < 0 || length > ArchiveWriter.MAX_BLOCK_BYTES) {
                    throw new InvalidSnapshotException("archive block of impossible length " + length);
                }
                done = length == 0;
                remaining = length;
            }
            return remaining > 0;
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // Discarding: only the position after the entry matters.
            }
        }

        /** The archive stays open: entries are read one after the other from one stream. */
        @Override
        public void close() {
        }
    }
}
