package io.vjvector.engine.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import javax.crypto.SecretKey;

/**
 * Seals a byte stream for checkpoint and snapshot files: a {@link FileHeader} (magic "VJSL",
 * chunk size as parameter) followed by chunks, each carrying its own check, so a reader never
 * returns a byte that was not verified. Encrypted (AES-256-GCM under a per-file data key) when
 * the keys have a current key, otherwise plaintext with a CRC32C per chunk; {@link #unseal} reads
 * either. Each chunk's check covers its index and a final-chunk flag, so chunks cannot be
 * reordered, dropped, or the stream cut short without detection. Layout in
 * docs/storage-format.md.
 */
public final class Sealer {

    static final int MAGIC = 0x564A534C;
    static final String KIND = "VJVector sealed file";
    /** Chunk word flag marking the last chunk. */
    static final int FINAL = 0x8000_0000;
    /** Default plaintext bytes per chunk. */
    public static final int DEFAULT_CHUNK_BYTES = 1 << 16;
    private static final int MAX_CHUNK_BYTES = 1 << 24;

    private final EncryptionKeys keys;
    private final int chunkBytes;

    /** A sealer with {@link #DEFAULT_CHUNK_BYTES} chunks. */
    public Sealer(EncryptionKeys keys) {
        this(keys, DEFAULT_CHUNK_BYTES);
    }

    /**
     * @param keys       encrypts with the current key if any; previous keys open older files
     * @param chunkBytes plaintext bytes per chunk (1 to 16 MiB): memory a reader needs, and the
     *                   granularity of verification
     */
    public Sealer(EncryptionKeys keys, int chunkBytes) {
        if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("chunkBytes must be 1.." + MAX_CHUNK_BYTES + ", got " + chunkBytes);
        }
        this.keys = keys;
        this.chunkBytes = chunkBytes;
    }

    /**
     * A stream that seals what is written to it into {@code sink}. The header is written at once;
     * {@link OutputStream#close()} writes the final chunk and closes {@code sink}. A stream that
     * is not closed lacks its final chunk and will not unseal.
     */
    public OutputStream seal(OutputStream sink) throws IOException {
        FileHeader.Created created = FileHeader.create(MAGIC, chunkBytes, keys);
        sink.write(created.header().bytes());
        return new SealingOutputStream(sink, created.dataKey(), chunkBytes);
    }

    /**
     * A stream of the plaintext sealed in {@code source}. The header is read at once.
     *
     * @param sourceName names the source in error messages (a file path)
     * @throws StorageKeyException       if the key the data needs is missing or wrong
     * @throws CorruptedStorageException (from this call or from reads) when a check fails, a chunk
     *                                   is missing or out of order, or the stream is cut short
     */
    public InputStream unseal(InputStream source, String sourceName) throws IOException {
        return unseal(source, sourceName, Long.MAX_VALUE);
    }

    /**
     * As {@link #unseal(InputStream, String)}, for a source of {@code sourceBytes} bytes: the
     * stream returned is a {@link BlockInputStream} whose {@link BlockInputStream#remainingBound}
     * lets parsers refuse impossible lengths before allocating for them.
     */
    public InputStream unseal(InputStream source, String sourceName, long sourceBytes) throws IOException {
        byte[] prefix = source.readNBytes(FileHeader.PREFIX_BYTES);
        try {
            if (prefix.length < FileHeader.PREFIX_BYTES) {
                throw new MalformedDataException(prefix.length, "stream ends inside the header");
            }
            int length = FileHeader.length(ByteBuffer.wrap(prefix), MAGIC, KIND);
            ByteBuffer whole = ByteBuffer.allocate(length).put(prefix);
            whole.put(source.readNBytes(length - prefix.length)).flip();
            FileHeader header = FileHeader.decode(whole, MAGIC, KIND);
            long chunk = header.parameter();
            if (chunk < 1 || chunk > MAX_CHUNK_BYTES) {
                throw new MalformedDataException(8, "chunk size " + chunk + " out of range");
            }
            SecretKey dataKey = header.dataKey(keys, "sealed file " + sourceName);
            return new UnsealingInputStream(source, sourceName, dataKey, (int) chunk, sourceBytes, length);
        } catch (MalformedDataException e) {
            throw new CorruptedStorageException(sourceName, e.offset(), e.reason());
        }
    }

    /** Atomically writes a sealed file (see {@link AtomicFile#write}). */
    public void writeFile(Path target, AtomicFile.Content content) throws IOException {
        AtomicFile.write(target, out -> {
            try (OutputStream sealed = seal(out)) {
                content.writeTo(sealed);
            }
        });
    }

    /** Opens a sealed file for reading; the caller closes the stream. */
    public InputStream openFile(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return unseal(in, file.toString(), Files.size(file));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** What a chunk's tag or checksum covers besides its data: position and length/final word. */
    static ByteBuffer chunkAad(long index, int word) {
        return ByteBuffer.allocate(12).putLong(index).putInt(word).flip();
    }

    /** Checksum of a plaintext chunk. */
    static int chunkCrc(long index, int word, byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(chunkAad(index, word));
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }
}
