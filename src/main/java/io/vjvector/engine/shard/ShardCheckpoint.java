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
import java.util.LinkedHashMap;
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
 * int f, f * (UTF name, byte kind, field)   vector fields (version 2); kind 1 = dense:
 *                                            index (see {@link IndexCheckpoint}), int w, w * long
 *                                            absent-ordinal bits; kind 2 = sparse: see
 *                                            {@link io.vjvector.engine.index.sparse.SparseIndex#write};
 *                                            kind 3 = multivector: see
 *                                            {@link io.vjvector.engine.index.multi.MultiVectorIndex#write}
 * int points, points * (int ordinal, id, long version, int length, JSON payload (0 = empty))
 * int end magic "VJCE"
 * </pre>
 * Ids are a tag byte (0 = u64, 1 = UUID) followed by 8 or 16 bytes. Version 1, written before
 * named vectors, has a single index in place of the field list: the unnamed dense vector, with
 * no absent ordinals.
 */
public final class ShardCheckpoint {

    private static final int MAGIC = 0x564A4350;
    private static final int END = 0x564A4345;
    private static final int VERSION = 2;
    /** The single-vector format, still read. */
    private static final int VERSION_SINGLE_VECTOR = 1;
    private static final int MAX_FIELDS = 1 << 12;
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
        data.writeInt(image.fields().size());
        for (Map.Entry<String, ShardImage.FieldImage> e : image.fields().entrySet()) {
            data.writeUTF(e.getKey());
            data.writeByte(e.getValue().kind());
            e.getValue().writeTo(data);
        }
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
        if (version != VERSION && version != VERSION_SINGLE_VECTOR) {
            throw new IOException("checkpoint version " + version + " is not supported (expected " + VERSION_SINGLE_VECTOR
                    + " or " + VERSION + ")");
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
        ShardVectors vectors = version == VERSION_SINGLE_VECTOR
                ? readSingleVector(data, counted, spec)
                : readFields(data, counted, spec);
        Shard shard = spec.create(vectors, log);
        for (int i = 0; i < fields; i++) {
            shard.restoreFieldIndex(keys[i], types[i]);
        }
        int points = data.readInt();
        if (points < 0 || points > vectors.size()) {
            throw new IOException(points + " points for " + vectors.size() + " stored point versions");
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

    private static ShardVectors readSingleVector(DataInputStream data, BoundedInput counted, ShardSpec spec)
            throws IOException {
        VectorFieldSpec field = spec.vectors().get(VectorFieldSpec.DEFAULT_NAME);
        if (!(field instanceof VectorFieldSpec.Dense dense) || spec.vectors().size() != 1) {
            throw new IOException("a single-vector checkpoint does not fit vector fields " + spec.vectors().keySet());
        }
        VectorIndex index = IndexCheckpoint.read(data, dense.index(), dense.datatype(), spec.kernels(),
                counted.remainingBound(), spec.storage());
        return new ShardVectors(Map.of(VectorFieldSpec.DEFAULT_NAME, new DenseField(dense, index)), spec.kernels(),
                spec.storage());
    }

    /**
     * Reads the vector fields. Every field must be one the collection declares, of the same kind;
     * a declared field the checkpoint lacks (added to the collection after it was written) is
     * created with every stored ordinal absent.
     */
    private static ShardVectors readFields(DataInputStream data, BoundedInput counted, ShardSpec spec)
            throws IOException {
        int count = data.readInt();
        if (count < 0 || count > MAX_FIELDS) {
            throw new IOException(count + " vector fields");
        }
        Map<String, VectorField> read = new LinkedHashMap<>();
        int size = -1;
        for (int i = 0; i < count; i++) {
            String name = data.readUTF();
            byte kind = data.readByte();
            VectorFieldSpec fieldSpec = spec.vectors().get(name);
            if (fieldSpec == null) {
                throw new IOException("vector field '" + name + "' is not one of the collection's "
                        + spec.vectors().keySet());
            }
            if (read.containsKey(name)) {
                throw new IOException("vector field '" + name + "' appears twice");
            }
            VectorField field = readField(data, counted, kind, name, fieldSpec, spec);
            if (size >= 0 && field.size() != size) {
                throw new IOException("vector field '" + name + "' holds " + field.size() + " ordinals, the others "
                        + size);
            }
            size = field.size();
            read.put(name, field);
        }
        Map<String, VectorField> fields = new LinkedHashMap<>();
        for (Map.Entry<String, VectorFieldSpec> e : spec.vectors().entrySet()) {
            VectorField field = read.get(e.getKey());
            if (field == null) {
                field = ShardVectors.createField(e.getValue(), spec.kernels(), spec.storage());
                for (int ord = 0; ord < Math.max(size, 0); ord++) {
                    field.reserve(null, true);
                }
            }
            fields.put(e.getKey(), field);
        }
        return new ShardVectors(fields, spec.kernels(), spec.storage());
    }

    private static VectorField readField(DataInputStream data, BoundedInput counted, byte kind, String name,
                                         VectorFieldSpec fieldSpec, ShardSpec spec) throws IOException {
        if (kind == ShardImage.FieldImage.DENSE && fieldSpec instanceof VectorFieldSpec.Dense dense) {
            VectorIndex index = IndexCheckpoint.read(data, dense.index(), dense.datatype(), spec.kernels(),
                    counted.remainingBound(), spec.storage());
            int words = data.readInt();
            if (words < 0 || words > (index.size() + 63) >>> 6) {
                throw new IOException(words + " absent-ordinal words for " + index.size() + " ordinals");
            }
            long[] absent = new long[words];
            for (int w = 0; w < words; w++) {
                absent[w] = data.readLong();
            }
            DenseField field = new DenseField(dense, index);
            field.restoreAbsent(absent);
            return field;
        }
        if (kind == ShardImage.FieldImage.MULTI && fieldSpec instanceof VectorFieldSpec.Multi multi) {
            return new MultiField(multi, io.vjvector.engine.index.multi.MultiVectorIndex.read(data, spec.kernels(),
                    counted.remainingBound()));
        }
        if (kind == ShardImage.FieldImage.SPARSE && fieldSpec instanceof VectorFieldSpec.Sparse sparse) {
            return new SparseField(sparse, io.vjvector.engine.index.sparse.SparseIndex.read(data));
        }
        throw new IOException("vector field '" + name + "' is stored as kind " + kind
                + ", which does not match the collection's " + fieldSpec.getClass().getSimpleName().toLowerCase());
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
