package io.vjvector.engine.shard;

import io.vjvector.engine.index.IndexCheckpoint;
import java.io.DataOutput;
import java.io.IOException;

import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.index.IndexImage;
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
                // Only the words the captured ordinals use: the bit set itself grows ahead of them.
                long[] words = java.util.Arrays.copyOf(dense.absentWords(), (dense.size() + 63) >>> 6);
                return new DenseImage(IndexCheckpoint.capture(dense.index), words);
            }
            if (field instanceof MultiField multi) {
                // Serialised in the capture's pause: the index may not change while it is written.
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                try {
                    multi.index.write(new java.io.DataOutputStream(bytes));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new BytesImage(MULTI, bytes.toByteArray());
            }
            if (field instanceof SparseField sparse) {
                // Serialised in the capture's pause: the postings are not copy-on-write.
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                try {
                    sparse.index.write(new java.io.DataOutputStream(bytes));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new SparseImage(bytes.toByteArray());
            }
            throw new IllegalArgumentException("cannot capture a " + field.getClass().getSimpleName());
        }
    }

    /** A field serialised whole during the capture (multivector): its kind and bytes. */
    record BytesImage(byte kind, byte[] bytes) implements FieldImage {
        @Override
        public void writeTo(DataOutput out) throws IOException {
            out.write(bytes);
        }
    }

    /** A sparse field: its index as {@link io.vjvector.engine.index.sparse.SparseIndex#write} wrote it. */
    record SparseImage(byte[] bytes) implements FieldImage {
        @Override
        public byte kind() {
            return SPARSE;
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            out.write(bytes);
        }
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
