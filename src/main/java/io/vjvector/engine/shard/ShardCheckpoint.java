package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.index.IndexCheckpoint;
import io.vjvector.engine.index.VectorIndex;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.storage.BlockInputStream;
import io.vjvector.engine.storage.CountingInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.UUID;

/**
 * The plaintext content of a shard checkpoint: everything needed to rebuild the shard without
 * replaying its history or rebuilding its graph. Callers seal it (checksums, optional
 * encryption) with {@link io.vjvector.engine.storage.Sealer}.
 *
 * <pre>
 * int magic "VJCP", int version
 * long sequence, long last operation id
 * int n, n * (UTF key, UTF schema)          payload index definitions (contents are rebuilt
 *                                             from the payloads while loading); a schema is
 *                                             Qdrant's type name, or the field_schema object as
 *                                             JSON text when it has parameters
 *                                             (PayloadFieldSchema#encode)
 * index                                      see {@link IndexCheckpoint}
 * int points, points * (int ordinal, id, long version, int length, JSON payload (0 = empty))
 * int end magic "VJCE"
 * </pre>
 * Ids are a tag byte (0 = u64, 1 = UUID) followed by 8 or 16 bytes.
 */
public final class ShardCheckpoint {

    private static final int MAGIC = 0x564A4350;
    private static final int END = 0x564A4345;
    private static final int VERSION = 1;
    private static final int BUFFER = 1 << 16;
    /** Two empty modified-UTF-8 strings: their length prefixes. */
    private static final int MIN_FIELD_INDEX_BYTES = 4;
    /** Ordinal, the shortest id (tag and u64), version and payload length. */
    private static final int MIN_POINT_BYTES = 4 + 9 + 8 + 4;

    private ShardCheckpoint() {
    }

    /**
     * Writes {@code image} to {@code out} (not closed). Runs without any shard lock.
     */
    public static void write(ShardImage image, OutputStream out) throws IOException {
        // Buffered: DataOutputStream writes scalars byte by byte.
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, BUFFER));
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeLong(image.sequence());
        data.writeLong(image.lastOperationId());
        data.writeInt(image.fieldIndexes().size());
        for (Map.Entry<String, PayloadFieldSchema> e : image.fieldIndexes().entrySet()) {
            data.writeUTF(e.getKey());
            data.writeUTF(e.getValue().encode());
        }
        image.index().writeTo(data);
        PointSlot[] slots = image.slots();
        data.writeInt(image.pointCount());
        ByteBuffer id = ByteBuffer.allocate(17).order(ByteOrder.LITTLE_ENDIAN);
        for (int ord = 0; ord < slots.length; ord++) {
            PointSlot slot = slots[ord];
            if (slot == null) {
                continue;
            }
            data.writeInt(ord);
            id.clear();
            OperationCodec.id(id, slot.id());
            data.write(id.array(), 0, id.position());
            data.writeLong(slot.version());
            byte[] json = OperationCodec.json(slot.payload());
            data.writeInt(json.length);
            data.write(json);
        }
        data.writeInt(END);
        data.flush();
    }

    /**
     * Reads a checkpoint into a new shard that records into {@code log}. Every count and length
     * read is checked against the format's bounds and, when {@code in} is a
     * {@link BlockInputStream} (sealed files, snapshot entries), against the bytes it can still
     * hold, before anything is allocated for it: a checksum alone does not make a file honest.
     *
     * @param source names the checkpoint in error messages
     * @throws io.vjvector.engine.storage.CorruptedStorageException (from the sealed stream) when a
     *         check fails
     * @throws IOException naming {@code source} and the plaintext offset when the content is not a
     *         checkpoint this version can read or does not fit {@code spec}
     */
    public static Loaded read(InputStream in, String source, ShardSpec spec, OperationLog log) throws IOException {
        long bound = in instanceof BlockInputStream block ? block.remainingBound() : Long.MAX_VALUE;
        BoundedInput counted = new BoundedInput(new BufferedInputStream(in, BUFFER), bound);
        DataInputStream data = new DataInputStream(counted);
        try {
            return readContent(data, counted, spec, log);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("checkpoint " + source + " is not readable at plaintext offset "
                    + counted.count() + ": " + e.getMessage(), e);
        }
    }

    /** A loaded shard and the position its state corresponds to. */
    public record Loaded(Shard shard, long sequence, long lastOperationId, int points) {
    }

    private static Loaded readContent(DataInputStream data, BoundedInput counted, ShardSpec spec, OperationLog log)
            throws IOException {
        if (data.readInt() != MAGIC) {
            throw new IOException("not a shard checkpoint (bad magic)");
        }
        int version = data.readInt();
        if (version != VERSION) {
            throw new IOException("checkpoint version " + version + " is not supported (expected " + VERSION + ")");
        }
        long sequence = data.readLong();
        long lastOperationId = data.readLong();
        int fields = data.readInt();
        String[] keys = new String[Math.max(0, Math.min(fields, 1 << 16))];
        PayloadFieldSchema[] types = new PayloadFieldSchema[keys.length];
        if (fields != keys.length) {
            throw new IOException(fields + " payload indexes");
        }
        counted.require((long) fields * MIN_FIELD_INDEX_BYTES, fields + " payload indexes");
        for (int i = 0; i < fields; i++) {
            keys[i] = data.readUTF();
            String type = data.readUTF();
            try {
                types[i] = PayloadFieldSchema.decode(type);
            } catch (IllegalArgumentException e) {
                throw new IOException("unknown payload index type " + type, e);
            }
        }
        VectorIndex index = IndexCheckpoint.read(data, spec.index(), spec.kernels(), counted.remainingBound());
        Shard shard = spec.create(index, log);
        for (int i = 0; i < fields; i++) {
            shard.restoreFieldIndex(keys[i], types[i]);
        }
        int points = data.readInt();
        if (points < 0 || points > index.size()) {
            throw new IOException(points + " points for " + index.size() + " vectors");
        }
        counted.require((long) points * MIN_POINT_BYTES, points + " points");
        for (int i = 0; i < points; i++) {
            int ordinal = data.readInt();
            PointId id = readId(data);
            long pointVersion = data.readLong();
            int length = data.readInt();
            if (length < 0 || length > 1 << 30) {
                throw new IOException("payload of " + length + " bytes");
            }
            counted.require(length, "payload of " + length + " bytes");
            byte[] json = new byte[length];
            data.readFully(json);
            ObjectNode payload = OperationCodec.payload(json);
            shard.restorePoint(ordinal, id, payload != null ? payload : JsonNodeFactory.instance.objectNode(),
                    pointVersion);
        }
        if (data.readInt() != END) {
            throw new IOException("missing end marker");
        }
        if (data.read() >= 0) {
            throw new IOException("data after the end marker");
        }
        shard.restorePosition(sequence, lastOperationId);
        return new Loaded(shard, sequence, lastOperationId, points);
    }

    private static PointId readId(DataInputStream data) throws IOException {
        byte tag = data.readByte();
        return switch (tag) {
            case 0 -> PointId.of(Long.reverseBytes(data.readLong()));
            case 1 -> PointId.of(new UUID(Long.reverseBytes(data.readLong()), Long.reverseBytes(data.readLong())));
            default -> throw new IOException("unknown point id tag " + tag);
        };
    }

    /** Plaintext bytes read, and a check of lengths against what the source can still hold. */
    private static final class BoundedInput extends CountingInputStream {
        private final long bound;

        /** @param bound at most this many bytes can be read; {@link Long#MAX_VALUE} when unknown */
        BoundedInput(InputStream in, long bound) {
            super(in);
            this.bound = bound;
        }

        long remainingBound() {
            return bound == Long.MAX_VALUE ? bound : Math.max(0, bound - count());
        }

        /** Refuses {@code what}, needing at least {@code bytes} more, when fewer can be left. */
        void require(long bytes, String what) throws IOException {
            if (bytes > remainingBound()) {
                throw new IOException(what + " need at least " + bytes + " bytes, but at most " + remainingBound()
                        + " are left");
            }
        }
    }
}
