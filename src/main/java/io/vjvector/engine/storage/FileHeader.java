package io.vjvector.engine.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The header shared by WAL segments and sealed files: magic, format version, one file-specific
 * parameter, and, when encrypted, the master key id and a per-file data key wrapped under that
 * master key. Layout in docs/storage-format.md.
 *
 * <p>Why a per-file data key: records are encrypted with random 96-bit nonces, which NIST limits
 * to 2^32 messages per key. A fresh key per file keeps every key far below that bound however
 * long a master key stays in use, and a record cannot be moved into another file and still
 * authenticate.
 */
final class FileHeader {

    static final short VERSION = 1;
    /** Fixed part read first: it says how long the rest is. */
    static final int PREFIX_BYTES = 16;
    private static final int FLAG_ENCRYPTED = 1;
    private static final int WRAPPED_KEY_BYTES = Gcm.OVERHEAD + Gcm.KEY_BYTES;
    private static final int CRC_BYTES = 4;
    /** Longest possible header (255-byte key id, encrypted). */
    static final int MAX_BYTES = PREFIX_BYTES + 255 + WRAPPED_KEY_BYTES + CRC_BYTES;

    private final int magic;
    private final long parameter;
    private final String keyId;
    private final byte[] encoded;

    private FileHeader(int magic, long parameter, String keyId, byte[] encoded) {
        this.magic = magic;
        this.parameter = parameter;
        this.keyId = keyId;
        this.encoded = encoded;
    }

    /** A new header and the data key it wraps ({@code null} for a plaintext file). */
    record Created(FileHeader header, SecretKey dataKey) {
    }

    /** A header for a new file: encrypted under the current key when {@code keys} encrypts. */
    static Created create(int magic, long parameter, EncryptionKeys keys) {
        String keyId = keys.encrypts() ? keys.currentKeyId() : null;
        byte[] id = keyId == null ? new byte[0] : keyId.getBytes(StandardCharsets.UTF_8);
        int length = PREFIX_BYTES + id.length + (keyId == null ? 0 : WRAPPED_KEY_BYTES) + CRC_BYTES;
        ByteBuffer buf = ByteBuffer.allocate(length);
        buf.putInt(magic).putShort(VERSION).put((byte) (keyId == null ? 0 : FLAG_ENCRYPTED))
                .put((byte) id.length).putLong(parameter).put(id);
        SecretKey dataKey = null;
        if (keyId != null) {
            dataKey = Gcm.newDataKey();
            // The header bytes so far are the AAD: the wrapped key is bound to this file's
            // magic, parameter (first sequence, chunk size) and key id.
            new Gcm().seal(keys.currentKey(), ByteBuffer.wrap(buf.array(), 0, buf.position()),
                    ByteBuffer.wrap(dataKey.getEncoded()), buf);
        }
        buf.putInt(crc(buf.array(), buf.position()));
        return new Created(new FileHeader(magic, parameter, keyId, buf.array()), dataKey);
    }

    /**
     * Total header length announced by its first {@link #PREFIX_BYTES} bytes.
     *
     * @throws MalformedDataException when the prefix is not a header of this kind and version
     */
    static int length(ByteBuffer prefix, int magic, String kind) throws MalformedDataException {
        int found = prefix.getInt(0);
        if (found != magic) {
            throw new MalformedDataException(0, String.format("bad magic 0x%08x: not a %s", found, kind));
        }
        short version = prefix.getShort(4);
        if (version != VERSION) {
            throw new MalformedDataException(4, "unsupported format version " + version
                    + " (this build reads version " + VERSION + ")");
        }
        int flags = prefix.get(6);
        int idLength = prefix.get(7) & 0xff;
        boolean encrypted = flags == FLAG_ENCRYPTED;
        if ((flags & ~FLAG_ENCRYPTED) != 0 || encrypted != (idLength > 0)) {
            throw new MalformedDataException(6, "bad header flags " + flags + " with key id length " + idLength);
        }
        return PREFIX_BYTES + idLength + (encrypted ? WRAPPED_KEY_BYTES : 0) + CRC_BYTES;
    }

    /** Decodes a complete header (its {@link #length} bytes from the buffer's start). */
    static FileHeader decode(ByteBuffer bytes, int magic, String kind) throws MalformedDataException {
        int length = length(bytes, magic, kind);
        if (bytes.limit() < length) {
            throw new MalformedDataException(bytes.limit(), "file ends inside its " + length + "-byte header");
        }
        byte[] encoded = new byte[length];
        bytes.get(0, encoded);
        ByteBuffer buf = ByteBuffer.wrap(encoded);
        int crcAt = length - CRC_BYTES;
        if (buf.getInt(crcAt) != crc(encoded, crcAt)) {
            throw new MalformedDataException(crcAt, "header checksum mismatch");
        }
        int idLength = encoded[7] & 0xff;
        String keyId = idLength == 0 ? null : new String(encoded, PREFIX_BYTES, idLength, StandardCharsets.UTF_8);
        return new FileHeader(magic, buf.getLong(8), keyId, encoded);
    }

    /**
     * The data key of an encrypted file, unwrapped with the master key it names.
     *
     * @return {@code null} for a plaintext file (opens with or without keys configured)
     * @throws StorageKeyException when the key id is not configured or its key does not fit
     */
    SecretKey dataKey(EncryptionKeys keys, String source) {
        if (keyId == null) {
            return null;
        }
        SecretKey master = keys.key(keyId, source);
        int aadLength = PREFIX_BYTES + (encoded[7] & 0xff);
        ByteBuffer raw = ByteBuffer.allocate(Gcm.KEY_BYTES);
        boolean ok = new Gcm().open(master, ByteBuffer.wrap(encoded, 0, aadLength),
                ByteBuffer.wrap(encoded, aadLength, WRAPPED_KEY_BYTES), raw);
        if (!ok) {
            throw new StorageKeyException(keyId, source + " is encrypted with key id '" + keyId
                    + "', but the key configured under that id does not decrypt it (wrong key material for '"
                    + keyId + "')");
        }
        return new SecretKeySpec(raw.array(), "AES");
    }

    int magic() {
        return magic;
    }

    /** The file-specific value: a segment's first sequence, a sealed file's chunk size. */
    long parameter() {
        return parameter;
    }

    /** Master key id, or {@code null} for plaintext. */
    String keyId() {
        return keyId;
    }

    boolean encrypted() {
        return keyId != null;
    }

    int length() {
        return encoded.length;
    }

    /** The header exactly as stored (a copy). */
    byte[] bytes() {
        return encoded.clone();
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
