package io.vjvector.engine.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A stream whose bytes arrive in framed blocks (sealed chunks, archive entry blocks): reads
 * never cross a block boundary, and the next block is framed and checked only when the current
 * one is used up.
 */
public abstract class BlockInputStream extends InputStream {

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!nextBlockIfNeeded()) {
            return -1;
        }
        return readBlock(b, off, len);
    }

    /**
     * An upper bound on the bytes this stream can still return, known without reading them (from
     * the size of the file underneath), so that a parser can refuse a length or count read from
     * the data that could not possibly fit, before allocating for it. {@link Long#MAX_VALUE} when
     * unknown.
     */
    public abstract long remainingBound();

    /**
     * Moves to the next block if the current one is used up.
     *
     * @return false at the end of the stream, true when the current block has bytes left
     */
    protected abstract boolean nextBlockIfNeeded() throws IOException;

    /** Reads between 1 and {@code len} bytes from the current block, which has some left. */
    protected abstract int readBlock(byte[] b, int off, int len) throws IOException;
}
