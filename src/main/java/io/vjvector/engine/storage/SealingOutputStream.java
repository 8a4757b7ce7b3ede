package io.vjvector.engine.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import javax.crypto.SecretKey;

/**
 * Buffers one chunk of plaintext and writes it sealed. A full chunk is written only when more
 * data arrives, so the chunk written by {@link #close()} is always the one flagged final.
 */
final class SealingOutputStream extends OutputStream {

    private final OutputStream sink;
    private final SecretKey dataKey;
    private final Gcm gcm;
    private final byte[] chunk;
    private final ByteBuffer out;
    private int filled;
    private long index;
    private boolean closed;

    SealingOutputStream(OutputStream sink, SecretKey dataKey, int chunkBytes) {
        this.sink = sink;
        this.dataKey = dataKey;
        this.gcm = dataKey == null ? null : new Gcm();
        this.chunk = new byte[chunkBytes];
        this.out = ByteBuffer.allocate(4 + chunkBytes + Gcm.OVERHEAD);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("sealed stream is closed");
        }
        while (len > 0) {
            if (filled == chunk.length) {
                emit(false);
            }
            int n = Math.min(len, chunk.length - filled);
            System.arraycopy(b, off, chunk, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    /** Flushes the sink; buffered plaintext stays until its chunk is complete or the stream closes. */
    @Override
    public void flush() throws IOException {
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            emit(true);
        } finally {
            sink.close();
        }
    }

    private void emit(boolean last) throws IOException {
        int word = (last ? Sealer.FINAL : 0) | filled;
        out.clear().putInt(word);
        if (dataKey != null) {
            gcm.seal(dataKey, Sealer.chunkAad(index, word), ByteBuffer.wrap(chunk, 0, filled), out);
        } else {
            out.put(chunk, 0, filled).putInt(Sealer.chunkCrc(index, word, chunk, 0, filled));
        }
        sink.write(out.array(), 0, out.position());
        index++;
        filled = 0;
    }
}
