package io.vjvector.engine.shard;

import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.index.IndexCheckpoint;
import io.vjvector.engine.index.IndexImage;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A consistent copy of a shard as of one log sequence, taken by {@link Shard#capture()} in a
 * short pause of its writes and written out afterwards by {@link ShardCheckpoint#write} while
 * the shard keeps changing. Payload objects and vectors are shared with the shard (both are
 * immutable once published); links, tombstones and the ordinal → point table are copies.
 */
public final class ShardImage {

    private final long sequence;
    private final long lastOperationId;
    private final Map<String, FieldImage> fields;
    private final PointSlot[] slots;
    private final Map<String, PayloadFieldSchema> fieldIndexes;

    ShardImage(long sequence, long lastOperationId, Map<String, FieldImage> fields, PointSlot[] slots,
               Map<String, PayloadFieldSchema> fieldIndexes) {
        this.sequence = sequence;
        this.lastOperationId = lastOperationId;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.slots = slots;
        this.fieldIndexes = Collections.unmodifiableMap(new LinkedHashMap<>(fieldIndexes));
    }

    /** The last log sequence whose operation the image includes (0 for none). */
    public long sequence() {
        return sequence;
    }

    /** Highest operation id the image includes, -1 for none. */
    public long lastOperationId() {
        return lastOperationId;
    }

    /** Live points in the image. */
    public int pointCount() {
        int n = 0;
        for (PointSlot slot : slots) {
            if (slot != null) {
                n++;
            }
        }
        return n;
    }

    /** The vector fields' images, by name, in the shard's field order. */
    Map<String, FieldImage> fields() {
        return fields;
    }

    /**
     * One vector field as captured: the parts later writes would change are copied, the rest
     * (append-only vectors) is read when the image is written.
     */
    sealed interface FieldImage {

        /** Kind tags in the checkpoint format. */
        byte DENSE = 1;
        byte SPARSE = 2;
        byte MULTI = 3;

        byte kind();

        void writeTo(DataOutput out) throws IOException;

        /** Captures {@code field}; call while no write runs. */
        static FieldImage capture(VectorField field) {
            if (field instanceof DenseField dense) {
                return new DenseImage(IndexCheckpoint.capture(dense.index), dense.absentWords());
            }
            if (field instanceof MultiField multi) {
                return BytesImage.of(MULTI, multi.index::write);
            }
            if (field instanceof SparseField sparse) {
                return BytesImage.of(SPARSE, sparse.index::write);
            }
            throw new IllegalArgumentException("cannot capture a " + field.getClass().getSimpleName());
        }
    }

    /**
     * A field serialised whole during the capture's pause (sparse, multivector): their structures
     * are not copy-on-write, so they are written out while no write runs, and the bytes later.
     */
    record BytesImage(byte kind, byte[] bytes) implements FieldImage {

        /** What {@code writer} writes, as an image of kind {@code kind}. */
        static BytesImage of(byte kind, Writer writer) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try {
                writer.write(new java.io.DataOutputStream(out));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new BytesImage(kind, out.toByteArray());
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            out.write(bytes);
        }
    }

    /** Writes a field's index to a stream. */
    @FunctionalInterface
    interface Writer {
        void write(DataOutput out) throws IOException;
    }

    /** A dense field: its index image, then the absent ordinals as a word count and the words. */
    record DenseImage(IndexImage index, long[] absent) implements FieldImage {
        @Override
        public byte kind() {
            return DENSE;
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            index.writeTo(out);
            out.writeInt(absent.length);
            for (long word : absent) {
                out.writeLong(word);
            }
        }
    }

    /** Live slots by ordinal, null for ordinals that are deleted or replaced. */
    PointSlot[] slots() {
        return slots;
    }

    /** Indexed payload fields and their definitions. */
    public Map<String, PayloadFieldSchema> fieldIndexes() {
        return fieldIndexes;
    }
}
