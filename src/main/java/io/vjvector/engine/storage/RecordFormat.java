package io.vjvector.engine.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import javax.crypto.SecretKey;

/**
 * Framing of one WAL record (docs/storage-format.md):
 * {@code length:int | crc32c:int | epoch:long | sequence:long | type:byte | body[length]}.
 * The body is the payload, or {@code nonce | AES-GCM(payload) | tag} in an encrypted segment.
 * The CRC covers every byte of the record except itself, so a torn or damaged record is found
 * without a key; GCM authenticates the header (minus the CRC) as AAD, so an encrypted record
 * cannot be moved to another sequence or epoch.
 */
final class RecordFormat {

    static final int HEADER_BYTES = 25;
    static final int LENGTH_AT = 0;
    static final int CRC_AT = 4;
    static final int EPOCH_AT = 8;
    static final int SEQUENCE_AT = 16;
    static final int TYPE_AT = 24;
    private static final int AAD_BYTES = HEADER_BYTES - 4;

    private RecordFormat() {
    }

    /** Bytes one record takes on disk. */
    static int encodedLength(int payloadLength, boolean encrypted) {
        return HEADER_BYTES + payloadLength + (encrypted ? Gcm.OVERHEAD : 0);
    }

    /**
     * Appends one record to {@code out}.
     *
     * @param gcm cipher to encrypt with; ignored when {@code key} is null (plaintext segment)
     */
    static void encode(ByteBuffer out, long epoch, long sequence, byte type, byte[] payload, Gcm gcm, SecretKey key) {
        int start = out.position();
        int bodyLength = encodedLength(payload.length, key != null) - HEADER_BYTES;
        out.putInt(bodyLength).putInt(0).putLong(epoch).putLong(sequence).put(type);
        if (key == null) {
            out.put(payload);
        } else {
            gcm.seal(key, aad(out, start), ByteBuffer.wrap(payload), out);
        }
        out.putInt(start + CRC_AT, crc(out, start, out.position()));
    }

    /** CRC32C of the record in {@code buf[start, end)}, skipping its own CRC field. */
    static int crc(ByteBuffer buf, int start, int end) {
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().limit(start + CRC_AT).position(start));
        crc.update(buf.duplicate().limit(end).position(start + EPOCH_AT));
        return (int) crc.getValue();
    }

    /**
     * The payload of a complete, checksum-verified record held in {@code record} (a buffer whose
     * position 0 is the record's first byte).
     *
     * @return {@code null} when the record is encrypted and fails authentication
     */
    static byte[] payload(ByteBuffer record, Gcm gcm, SecretKey key) {
        int bodyLength = record.getInt(LENGTH_AT);
        ByteBuffer body = record.duplicate().position(HEADER_BYTES).limit(HEADER_BYTES + bodyLength);
        if (key == null) {
            byte[] payload = new byte[bodyLength];
            body.get(payload);
            return payload;
        }
        if (bodyLength < Gcm.OVERHEAD) {
            return null;
        }
        ByteBuffer plain = ByteBuffer.allocate(bodyLength - Gcm.OVERHEAD);
        return gcm.open(key, aad(record, 0), body, plain) ? plain.array() : null;
    }

    /** Header bytes without the CRC (which is computed after encryption). */
    private static ByteBuffer aad(ByteBuffer record, int start) {
        byte[] aad = new byte[AAD_BYTES];
        record.get(start + LENGTH_AT, aad, 0, 4);
        record.get(start + EPOCH_AT, aad, 4, AAD_BYTES - 4);
        return ByteBuffer.wrap(aad);
    }
}
