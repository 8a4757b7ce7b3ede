package io.vjvector.engine.replication;

import io.vjvector.engine.storage.WalRecord;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The binary wire form of replication messages, for any transport (an HTTP body of type
 * application/octet-stream). Big-endian; every message starts with a magic and a format version
 * and ends with a CRC32C of everything before it, so a damaged or foreign body is refused with the
 * byte offset and the reason, never half-applied. Payloads are the records' plaintext: the
 * transport is expected to be encrypted (TLS) when the data at rest is.
 *
 * <pre>
 * batch   int magic "VJRB", short version 1, long leader epoch, long previous sequence,
 *         long previous epoch, long high-water mark, int n,
 *         n * (long epoch, long sequence, byte type, int length, length bytes), int crc32c
 * result  int magic "VJRA", short version 1, byte outcome (0 applied, 1 stale epoch, 2 gap,
 *         3 diverged), long durable sequence, long highest epoch seen, int crc32c
 * epoch end  int magic "VJRE", short version 1, long epoch, long end sequence, int crc32c
 * </pre>
 */
public final class ReplicationCodec {

    /** The format version this build writes and reads. */
    public static final short VERSION = 1;
    private static final int BATCH = 0x564A5242;
    private static final int RESULT = 0x564A5241;
    private static final int EPOCH_END = 0x564A5245;
    private static final int BATCH_HEAD = 4 + 2 + 4 * 8 + 4;
    private static final int RECORD_HEAD = 8 + 8 + 1 + 4;
    private static final int CRC = 4;

    private ReplicationCodec() {
    }

    /** Encodes a batch. */
    public static byte[] encode(ReplicationBatch batch) {
        long size = BATCH_HEAD + CRC;
        for (WalRecord r : batch.records()) {
            size += RECORD_HEAD + r.payload().length;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("batch of " + size + " bytes is too large to encode");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        buf.putInt(BATCH).putShort(VERSION).putLong(batch.leaderEpoch()).putLong(batch.prevSequence())
                .putLong(batch.prevEpoch()).putLong(batch.highWaterMark()).putInt(batch.records().size());
        for (WalRecord r : batch.records()) {
            buf.putLong(r.epoch()).putLong(r.sequence()).put(r.type()).putInt(r.payload().length).put(r.payload());
        }
        return seal(buf);
    }

    /**
     * Decodes a batch.
     *
     * @throws IllegalArgumentException naming the offset and the problem when {@code bytes} is not
     *                                  a valid batch of this version
     */
    public static ReplicationBatch decodeBatch(byte[] bytes) {
        ByteBuffer buf = open(bytes, BATCH, "replication batch");
        try {
            long epoch = buf.getLong();
            long prev = buf.getLong();
            long prevEpoch = buf.getLong();
            long hwm = buf.getLong();
            int n = buf.getInt();
            if (n < 0 || (long) n * RECORD_HEAD > buf.remaining()) {
                throw malformed("replication batch", buf.position() - 4, n + " records cannot fit in "
                        + buf.remaining() + " bytes");
            }
            List<WalRecord> records = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long recordEpoch = buf.getLong();
                long sequence = buf.getLong();
                byte type = buf.get();
                int length = buf.getInt();
                if (length < 0 || length > buf.remaining()) {
                    throw malformed("replication batch", buf.position() - 4, "record payload of " + length
                            + " bytes with " + buf.remaining() + " left");
                }
                byte[] payload = new byte[length];
                buf.get(payload);
                records.add(new WalRecord(recordEpoch, sequence, type, payload));
            }
            requireEnd(buf, "replication batch");
            return new ReplicationBatch(epoch, prev, prevEpoch, hwm, records);
        } catch (BufferUnderflowException e) {
            throw malformed("replication batch", buf.position(), "it ends early");
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("malformed") ? e
                    : new IllegalArgumentException("malformed replication batch: " + e.getMessage(), e);
        }
    }

    /** Encodes a follower's answer. */
    public static byte[] encode(ApplyResult result) {
        ByteBuffer buf = ByteBuffer.allocate(4 + 2 + 1 + 8 + 8 + CRC);
        buf.putInt(RESULT).putShort(VERSION).put((byte) result.outcome().ordinal()).putLong(result.durableSequence())
                .putLong(result.highestEpochSeen());
        return seal(buf);
    }

    /**
     * Decodes a follower's answer.
     *
     * @throws IllegalArgumentException when {@code bytes} is not a valid answer of this version
     */
    public static ApplyResult decodeResult(byte[] bytes) {
        ByteBuffer buf = open(bytes, RESULT, "replication result");
        try {
            int outcome = buf.get();
            ApplyResult.Outcome[] outcomes = ApplyResult.Outcome.values();
            if (outcome < 0 || outcome >= outcomes.length) {
                throw malformed("replication result", buf.position() - 1, "unknown outcome " + outcome);
            }
            ApplyResult result = new ApplyResult(outcomes[outcome], buf.getLong(), buf.getLong());
            requireEnd(buf, "replication result");
            return result;
        } catch (BufferUnderflowException e) {
            throw malformed("replication result", buf.position(), "it ends early");
        }
    }

    /** Encodes a leader's answer to "where does epoch E end". */
    public static byte[] encode(EpochEnd end) {
        ByteBuffer buf = ByteBuffer.allocate(4 + 2 + 8 + 8 + CRC);
        buf.putInt(EPOCH_END).putShort(VERSION).putLong(end.epoch()).putLong(end.endSequence());
        return seal(buf);
    }

    /**
     * Decodes a leader's epoch-end answer.
     *
     * @throws IllegalArgumentException when {@code bytes} is not a valid answer of this version
     */
    public static EpochEnd decodeEpochEnd(byte[] bytes) {
        ByteBuffer buf = open(bytes, EPOCH_END, "epoch end");
        try {
            EpochEnd end = new EpochEnd(buf.getLong(), buf.getLong());
            requireEnd(buf, "epoch end");
            return end;
        } catch (BufferUnderflowException e) {
            throw malformed("epoch end", buf.position(), "it ends early");
        }
    }

    private static byte[] seal(ByteBuffer buf) {
        buf.putInt(crc(buf.array(), buf.position()));
        return buf.array();
    }

    /** Checks magic, version and checksum; returns a buffer positioned after the version, limited before the checksum. */
    private static ByteBuffer open(byte[] bytes, int magic, String what) {
        if (bytes.length < 4 + 2 + CRC) {
            throw malformed(what, 0, "only " + bytes.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int found = buf.getInt();
        if (found != magic) {
            throw malformed(what, 0, String.format("bad magic 0x%08x", found));
        }
        short version = buf.getShort();
        if (version != VERSION) {
            throw malformed(what, 4, "unsupported version " + version + " (this build reads " + VERSION + ")");
        }
        int crcAt = bytes.length - CRC;
        if (buf.getInt(crcAt) != crc(bytes, crcAt)) {
            throw malformed(what, crcAt, "checksum mismatch");
        }
        buf.limit(crcAt);
        return buf;
    }

    private static void requireEnd(ByteBuffer buf, String what) {
        if (buf.hasRemaining()) {
            throw malformed(what, buf.position(), buf.remaining() + " unexpected bytes before the checksum");
        }
    }

    private static IllegalArgumentException malformed(String what, int offset, String reason) {
        return new IllegalArgumentException("malformed " + what + " at byte " + offset + ": " + reason);
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
