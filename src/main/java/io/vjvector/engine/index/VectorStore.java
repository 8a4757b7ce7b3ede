package io.vjvector.engine.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The prepared vectors of an index, held off the Java heap in fixed-size records
 * ({@link OffHeapRecords}: direct buffers, or a memory-mapped file for an {@code on_disk} field;
 * no object per vector, nothing for the garbage collector to trace or copy), so the heap holds
 * graph links and payloads only and the memory of the vectors is exactly their bytes.
 *
 * <p>A record holds the components at the width of the field's {@link Datatype}: 4 bytes a
 * component for float32, 2 for float16, 1 for uint8. Narrower records end with a float
 * {@code scale}: the vector is {@code component * scale}, so a Cosine field keeps the components as
 * the client sent them (rounded to the type) and the inverse of their norm, which decodes to the
 * same floats as normalising in float32 does. Records are little-endian, the byte order of the
 * checkpoint format, so a checkpoint copies them as they are.
 *
 * <p>Appends are serialised; reads are lock-free (see {@link OffHeapRecords}).
 */
final class VectorStore {

    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final int dimension;
    private final Datatype datatype;
    private final int recordBytes;
    private final OffHeapRecords records;

    VectorStore(int dimension) {
        this(dimension, Datatype.FLOAT32);
    }

    VectorStore(int dimension, Datatype datatype) {
        this(dimension, datatype, VectorStorage.memory(), false);
    }

    /** A store whose records {@code storage} maps from a file when {@code onDisk}. */
    VectorStore(int dimension, Datatype datatype, VectorStorage storage, boolean onDisk) {
        this.dimension = dimension;
        this.datatype = datatype;
        this.recordBytes = recordBytes(dimension, datatype);
        this.records = storage.records(recordBytes, onDisk, "vectors", OffHeapRecords.VECTOR_PAGE_BYTES);
    }

    /** Bytes of one stored vector of {@code dimension} components at {@code datatype}. */
    static int recordBytes(int dimension, Datatype datatype) {
        return switch (datatype) {
            case FLOAT32 -> Float.BYTES * dimension;
            case FLOAT16 -> 2 * dimension + Float.BYTES;
            case UINT8 -> dimension + Float.BYTES;
        };
    }

    int dimension() {
        return dimension;
    }

    Datatype datatype() {
        return datatype;
    }

    int recordBytes() {
        return recordBytes;
    }

    /** Whether the records are mapped from a file ({@code on_disk}). */
    boolean mapped() {
        return records.mapped();
    }

    /** Number of stored vectors; ordinals are {@code [0, size)}. */
    int size() {
        return records.size();
    }

    /**
     * Stores the vector {@code components[i] * scale} and returns its ordinal. Components that the
     * datatype holds exactly (those a client sent, already rounded to it) are kept as they are with
     * {@code scale}; others (a prepared vector of a narrower type read back, or an old checkpoint's
     * floats) are rounded to it: float16 to nearest, uint8 relative to the largest component.
     */
    int append(float[] components, float scale) {
        return records.append((page, at) -> encode(components, scale, page, at));
    }

    /** Stores a record as {@link #record} returns it (a checkpoint's bytes) and returns its ordinal. */
    int appendRecord(byte[] record, int offset) {
        return records.append((page, at) -> page.put(at, record, offset, recordBytes));
    }

    /** Copies {@code ordinal}'s record (little-endian, {@link #recordBytes()} bytes) to {@code out[offset..]}. */
    void record(int ordinal, byte[] out, int offset) {
        records.page(ordinal).get(records.offset(ordinal), out, offset, recordBytes);
    }

    private void encode(float[] c, float scale, ByteBuffer page, int at) {
        switch (datatype) {
            case FLOAT32 -> {
                for (int i = 0; i < dimension; i++) {
                    page.putFloat(at + 4 * i, scale == 1f ? c[i] : c[i] * scale);
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < dimension; i++) {
                    page.putShort(at + 2 * i, HalfFloat.toBits(Datatype.toHalfPrecision(c[i])));
                }
                page.putFloat(at + 2 * dimension, scale);
            }
            case UINT8 -> {
                float max = 0f;
                boolean whole = true;
                for (int i = 0; i < dimension; i++) {
                    float v = c[i];
                    max = Math.max(max, v);
                    whole &= v >= 0f && v <= 255f && v == Math.rint(v);
                }
                // Whole numbers 0..255 are kept as sent; anything else (a normalised vector read
                // back) becomes 8 bits relative to its largest component, which needs no negatives
                // because a uint8 vector and its prepared form have none.
                float step = whole || max <= 0f ? 1f : max / 255f;
                for (int i = 0; i < dimension; i++) {
                    float v = whole ? c[i] : Math.max(0f, Math.min(255f, Math.round(c[i] / step)));
                    page.put(at + i, (byte) (int) v);
                }
                page.putFloat(at + dimension, whole ? scale : scale * step);
            }
            default -> throw new AssertionError(datatype);
        }
    }

    /** Decodes {@code ordinal}'s prepared vector into {@code out[offset..+dimension)}. */
    void read(int ordinal, float[] out, int offset) {
        int at = records.offset(ordinal);
        switch (datatype) {
            case FLOAT32 -> {
                if (NATIVE_LITTLE_ENDIAN) {
                    // A bulk copy (one memcpy) from the float view; the kernels then read a cached array.
                    records.floatPage(ordinal).get(at >>> 2, out, offset, dimension);
                } else {
                    ByteBuffer b = records.page(ordinal);
                    for (int i = 0; i < dimension; i++) {
                        out[offset + i] = b.getFloat(at + 4 * i);
                    }
                }
            }
            case FLOAT16 -> {
                ByteBuffer b = records.page(ordinal);
                float scale = b.getFloat(at + 2 * dimension);
                // Eight bytes per load: one bounds check per four components instead of one each
                // (measured: per-component gets made decoding cost several times the kernel).
                int i = 0;
                for (; i + 4 <= dimension; i += 4) {
                    long w = b.getLong(at + 2 * i);
                    out[offset + i] = HalfFloat.toFloat((int) w & 0xFFFF) * scale;
                    out[offset + i + 1] = HalfFloat.toFloat((int) (w >>> 16) & 0xFFFF) * scale;
                    out[offset + i + 2] = HalfFloat.toFloat((int) (w >>> 32) & 0xFFFF) * scale;
                    out[offset + i + 3] = HalfFloat.toFloat((int) (w >>> 48)) * scale;
                }
                for (; i < dimension; i++) {
                    out[offset + i] = HalfFloat.toFloat(b.getShort(at + 2 * i) & 0xFFFF) * scale;
                }
            }
            case UINT8 -> {
                ByteBuffer b = records.page(ordinal);
                float scale = b.getFloat(at + dimension);
                int i = 0;
                for (; i + 8 <= dimension; i += 8) {
                    long w = b.getLong(at + i);
                    for (int j = 0; j < 8; j++) {
                        out[offset + i + j] = ((int) (w >>> (8 * j)) & 0xFF) * scale;
                    }
                }
                for (; i < dimension; i++) {
                    out[offset + i] = (b.get(at + i) & 0xFF) * scale;
                }
            }
            default -> throw new AssertionError(datatype);
        }
    }

    /**
     * One load every {@code strideBytes} of {@code ordinal}'s record, folded into the result: lets
     * a caller start the cache misses of several vectors before decoding any of them.
     */
    int touch(int ordinal, int strideBytes) {
        ByteBuffer b = records.page(ordinal);
        int at = records.offset(ordinal);
        int sink = 0;
        for (int x = 0; x < recordBytes; x += strideBytes) {
            sink ^= b.get(at + x);
        }
        return sink;
    }

    /** A copy of {@code ordinal}'s prepared vector. */
    float[] copy(int ordinal) {
        int size = records.size();
        if (ordinal < 0 || ordinal >= size) {
            throw new IndexOutOfBoundsException("ordinal " + ordinal + " of " + size);
        }
        float[] out = new float[dimension];
        read(ordinal, out, 0);
        return out;
    }

    /** Bytes of the direct buffers holding the records (off the heap; 0 when mapped). */
    long offHeapBytes() {
        return records.directBytes();
    }

    /** Bytes of the file mappings holding the records (0 when in direct buffers). */
    long mappedBytes() {
        return records.mappedBytes();
    }

    /** Heap bytes of the page tables (the records themselves are off the heap). */
    long heapBytes() {
        return records.heapBytes();
    }
}
