package io.vjvector.engine.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The prepared vectors of an index, held off the Java heap in direct buffers of fixed-size records
 * (no object per vector, nothing for the garbage collector to trace or copy), so the heap holds
 * graph links and payloads only and the memory of the vectors is exactly their bytes.
 *
 * <p>A record holds the components at the width of the field's {@link Datatype}: 4 bytes a
 * component for float32, 2 for float16, 1 for uint8. Narrower records end with a float
 * {@code scale}: the vector is {@code component * scale}, so a Cosine field keeps the components as
 * the client sent them (rounded to the type) and the inverse of their norm, which decodes to the
 * same floats as normalising in float32 does. Records are little-endian, the byte order of the
 * checkpoint format, so a checkpoint copies them as they are.
 *
 * <p>Appends are serialised; reads are lock-free: a reader that saw an ordinal through
 * {@link #size()} (or through a graph link published after the append) sees its vector, because
 * the append publishes the volatile size after writing it. The last page starts small and is
 * replaced by a copy twice its size until full (all under this object's monitor); a reader still
 * holding the old page reads the same bytes there, and the old buffer is freed once unreachable.
 */
final class VectorStore {

    /**
     * 4 MiB per buffer: a few hundred buffers for millions of vectors, and full pages overshoot
     * the vectors by at most one page (allocating a direct buffer zeroes, so touches, all of it).
     */
    private static final int MAX_PAGE_BYTES = 1 << 22;
    private static final int FIRST_PAGE_RECORDS = 16;
    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final int dimension;
    private final Datatype datatype;
    private final int recordBytes;
    private final int pageShift;
    private final int pageMask;
    /** Pages and, for float32, their float views (bulk reads), replaced together. */
    private volatile Pages pages = new Pages(new ByteBuffer[0], new FloatBuffer[0]);
    /** Records that fit in the allocated pages; guarded by {@code this}. */
    private int capacity;
    private volatile int size;

    private record Pages(ByteBuffer[] bytes, FloatBuffer[] floats) {
    }

    VectorStore(int dimension) {
        this(dimension, Datatype.FLOAT32);
    }

    VectorStore(int dimension, Datatype datatype) {
        this.dimension = dimension;
        this.datatype = datatype;
        this.recordBytes = recordBytes(dimension, datatype);
        int records = Math.max(1, MAX_PAGE_BYTES / recordBytes);
        this.pageShift = 31 - Integer.numberOfLeadingZeros(records);
        this.pageMask = (1 << pageShift) - 1;
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

    /** Number of stored vectors; ordinals are {@code [0, size)}. */
    int size() {
        return size;
    }

    /**
     * Stores the vector {@code components[i] * scale} and returns its ordinal. Components that the
     * datatype holds exactly (those a client sent, already rounded to it) are kept as they are with
     * {@code scale}; others (a prepared vector of a narrower type read back, or an old checkpoint's
     * floats) are rounded to it: float16 to nearest, uint8 relative to the largest component.
     */
    int append(float[] components, float scale) {
        synchronized (this) {
            int ordinal = reserveSlot();
            ByteBuffer page = pages.bytes[ordinal >>> pageShift];
            encode(components, scale, page, (ordinal & pageMask) * recordBytes);
            size = ordinal + 1;
            return ordinal;
        }
    }

    /** Stores a record as {@link #record} returns it (a checkpoint's bytes) and returns its ordinal. */
    int appendRecord(byte[] record, int offset) {
        synchronized (this) {
            int ordinal = reserveSlot();
            pages.bytes[ordinal >>> pageShift].put((ordinal & pageMask) * recordBytes, record, offset, recordBytes);
            size = ordinal + 1;
            return ordinal;
        }
    }

    /** Copies {@code ordinal}'s record (little-endian, {@link #recordBytes()} bytes) to {@code out[offset..]}. */
    void record(int ordinal, byte[] out, int offset) {
        pages.bytes[ordinal >>> pageShift].get((ordinal & pageMask) * recordBytes, out, offset, recordBytes);
    }

    private int reserveSlot() {
        int ordinal = size;
        if (ordinal == Integer.MAX_VALUE) {
            throw new IllegalStateException("index is full (2^31-1 vectors)");
        }
        if (ordinal >= capacity) {
            grow(ordinal + 1);
        }
        return ordinal;
    }

    private void grow(int records) {
        Pages p = pages;
        ByteBuffer[] bytes = p.bytes;
        FloatBuffer[] floats = p.floats;
        int pageRecords = 1 << pageShift;
        int last = bytes.length - 1;
        int lastRecords = last < 0 ? pageRecords : bytes[last].capacity() / recordBytes;
        if (lastRecords < pageRecords) {
            int grown = Math.min(pageRecords, Math.max(records - (last << pageShift), lastRecords * 2));
            ByteBuffer bigger = allocate(grown);
            bigger.put(0, bytes[last], 0, lastRecords * recordBytes);
            bytes = bytes.clone();
            floats = floats.clone();
            bytes[last] = bigger;
            floats[last] = bigger.asFloatBuffer();
            capacity = (last << pageShift) + grown;
        } else {
            int fresh = Math.min(pageRecords, Math.max(FIRST_PAGE_RECORDS, records - capacity));
            ByteBuffer page = allocate(fresh);
            bytes = Arrays.copyOf(bytes, bytes.length + 1);
            floats = Arrays.copyOf(floats, floats.length + 1);
            bytes[bytes.length - 1] = page;
            floats[floats.length - 1] = page.asFloatBuffer();
            capacity += fresh;
        }
        pages = new Pages(bytes, floats);
    }

    private ByteBuffer allocate(int records) {
        return ByteBuffer.allocateDirect(records * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
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
        Pages p = pages;
        int page = ordinal >>> pageShift;
        int at = (ordinal & pageMask) * recordBytes;
        switch (datatype) {
            case FLOAT32 -> {
                if (NATIVE_LITTLE_ENDIAN) {
                    // A bulk copy (one memcpy) from the float view; the kernels then read a cached array.
                    p.floats[page].get(at >>> 2, out, offset, dimension);
                } else {
                    ByteBuffer b = p.bytes[page];
                    for (int i = 0; i < dimension; i++) {
                        out[offset + i] = b.getFloat(at + 4 * i);
                    }
                }
            }
            case FLOAT16 -> {
                ByteBuffer b = p.bytes[page];
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
                ByteBuffer b = p.bytes[page];
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
        ByteBuffer b = pages.bytes[ordinal >>> pageShift];
        int at = (ordinal & pageMask) * recordBytes;
        int sink = 0;
        for (int x = 0; x < recordBytes; x += strideBytes) {
            sink ^= b.get(at + x);
        }
        return sink;
    }

    /** A copy of {@code ordinal}'s prepared vector. */
    float[] copy(int ordinal) {
        if (ordinal < 0 || ordinal >= size) {
            throw new IndexOutOfBoundsException("ordinal " + ordinal + " of " + size);
        }
        float[] out = new float[dimension];
        read(ordinal, out, 0);
        return out;
    }

    /** Bytes of the direct buffers holding the records (off the heap). */
    long offHeapBytes() {
        long bytes = 0;
        for (ByteBuffer page : pages.bytes) {
            bytes += page.capacity();
        }
        return bytes;
    }

    /** Heap bytes of the page tables (the records themselves are off the heap). */
    long heapBytes() {
        return 64L + 24L * pages.bytes.length * 2;
    }
}
