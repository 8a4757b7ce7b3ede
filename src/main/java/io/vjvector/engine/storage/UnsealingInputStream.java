package io.vjvector.engine.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import javax.crypto.SecretKey;

/**
 * Reads and verifies one chunk at a time; returns a chunk's bytes only after its tag or checksum
 * matched. A stream that ends before the final chunk, or continues after it, is refused.
 */
final class UnsealingInputStream extends BlockInputStream {

    private final InputStream source;
    private final String name;
    private final SecretKey dataKey;
    private final Gcm gcm;
    private final int chunkBytes;
    private final byte[] sealed;
    private final ByteBuffer plain;
    private final long sourceBytes;
    private long offset;
    private long index;
    private boolean sawFinal;

    /**
     * @param sourceBytes the whole sealed length (header included) when known, else {@link Long#MAX_VALUE}
     * @param offset      the sealed bytes already read (the header)
     */
    UnsealingInputStream(InputStream source, String name, SecretKey dataKey, int chunkBytes, long sourceBytes,
                         long offset) {
        this.source = source;
        this.sourceBytes = sourceBytes;
        this.name = name;
        this.dataKey = dataKey;
        this.gcm = dataKey == null ? null : new Gcm();
        this.chunkBytes = chunkBytes;
        this.sealed = new byte[chunkBytes + Gcm.OVERHEAD];
        this.plain = ByteBuffer.allocate(chunkBytes).limit(0);
        this.offset = offset;
    }

    @Override
    protected boolean nextBlockIfNeeded() throws IOException {
        while (!plain.hasRemaining()) {
            if (sawFinal) {
                return false;
            }
            nextChunk();
        }
        return true;
    }

    @Override
    protected int readBlock(byte[] b, int off, int len) {
        int n = Math.min(len, plain.remaining());
        plain.get(b, off, n);
        return n;
    }

    /** Sealing only adds bytes: the plaintext still to come is at most the sealed bytes left. */
    @Override
    public long remainingBound() {
        long sealedLeft = sourceBytes == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, sourceBytes - offset);
        return sealedLeft == Long.MAX_VALUE ? sealedLeft : sealedLeft + plain.remaining();
    }

    @Override
    public int available() {
        return plain.remaining();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private void nextChunk() throws IOException {
        byte[] wordBytes = source.readNBytes(4);
        if (wordBytes.length < 4) {
            throw corrupt("stream ends before its final chunk (truncated)");
        }
        int word = ByteBuffer.wrap(wordBytes).getInt();
        boolean last = (word & Sealer.FINAL) != 0;
        int length = word & ~Sealer.FINAL;
        if (length > chunkBytes || (!last && length != chunkBytes)) {
            throw corrupt("chunk " + index + " has impossible length " + length);
        }
        int body = length + (dataKey != null ? Gcm.OVERHEAD : 4);
        if (source.readNBytes(sealed, 0, body) < body) {
            throw corrupt("stream ends inside chunk " + index + " (truncated)");
        }
        plain.clear();
        if (dataKey != null) {
            if (!gcm.open(dataKey, Sealer.chunkAad(index, word), ByteBuffer.wrap(sealed, 0, body), plain)) {
                throw corrupt("chunk " + index + " failed authentication: altered, reordered or from another file");
            }
        } else {
            int stored = ByteBuffer.wrap(sealed, length, 4).getInt();
            if (stored != Sealer.chunkCrc(index, word, sealed, 0, length)) {
                throw corrupt("chunk " + index + " checksum mismatch (altered or reordered)");
            }
            plain.put(sealed, 0, length);
        }
        plain.flip();
        if (last && source.read() >= 0) {
            throw corrupt("data after the final chunk");
        }
        sawFinal = last;
        offset += 4 + body;
        index++;
    }

    private CorruptedStorageException corrupt(String reason) {
        return new CorruptedStorageException(name, offset, reason);
    }
}
