package io.vjvector.engine.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Fixed-size records off the Java heap, in pages that are either direct buffers or mappings of a
 * {@link MappedRecordFile}: what {@link VectorStore} keeps vectors in and the quantized codes keep
 * their codes in, so neither puts an object per vector on the heap.
 *
 * <p>Appends are serialised; reads are lock-free: a reader that saw an ordinal through
 * {@link #size()} (or through a graph link published after the append) sees its record, because
 * the append publishes the volatile size after writing it. Pages are little-endian.
 *
 * <p>The last page starts small and is replaced by one twice its size until full (all under this
 * object's monitor): for direct buffers a copy, for a mapped file a longer mapping of the same
 * region (so a small field takes a small file). A reader still holding the old page reads the
 * same bytes there, and the old buffer is freed (or unmapped) once unreachable.
 */
final class OffHeapRecords {

    /**
     * 4 MiB per direct buffer of vectors: a few hundred buffers for millions of vectors, and full
     * pages overshoot the records by at most one page (allocating a direct buffer zeroes, so
     * touches, all of it).
     */
    static final int VECTOR_PAGE_BYTES = 1 << 22;
    /**
     * 1 MiB per direct buffer of quantized codes: codes are a quarter of the vectors or less, so
     * their pages hold about as many records as the vectors' and overshoot as little.
     */
    static final int CODE_PAGE_BYTES = 1 << 20;
    /**
     * 64 MiB per mapping: 1,600 mappings for 100 GB, far below Linux's default of 65,530 mappings
     * per process, and one mapping stays below the 2 GiB a {@link ByteBuffer} can address.
     */
    private static final int MAX_MAPPED_PAGE_BYTES = 1 << 26;
    private static final int FIRST_PAGE_RECORDS = 16;

    private final int recordBytes;
    private final int pageShift;
    private final int pageMask;
    /** Null for direct buffers. */
    private final MappedRecordFile file;
    /** Pages and their float views (bulk reads of float32 records), replaced together. */
    private volatile Pages pages = new Pages(new ByteBuffer[0], new FloatBuffer[0]);
    /** Records that fit in the allocated pages; guarded by {@code this}. */
    private int capacity;
    private volatile int size;

    private record Pages(ByteBuffer[] bytes, FloatBuffer[] floats) {
    }

    /** Writes one record at {@code page[at..at + recordBytes)}. */
    @FunctionalInterface
    interface RecordWriter {
        void write(ByteBuffer page, int at);
    }

    /**
     * @param file         where the pages are mapped, or null for direct buffers
     * @param maxPageBytes bytes of a full direct page (rounded down to a power-of-two count of
     *                     records); full mapped pages are 64 MiB
     */
    static OffHeapRecords of(int recordBytes, MappedRecordFile file, int maxPageBytes) {
        return new OffHeapRecords(recordBytes, file, file == null ? maxPageBytes : MAX_MAPPED_PAGE_BYTES);
    }

    /** @param maxPageBytes bytes of a full page, direct or mapped (tests make it small) */
    OffHeapRecords(int recordBytes, MappedRecordFile file, int maxPageBytes) {
        if (recordBytes < 1) {
            throw new IllegalArgumentException("records of " + recordBytes + " bytes");
        }
        this.recordBytes = recordBytes;
        this.file = file;
        int records = Math.max(1, maxPageBytes / recordBytes);
        this.pageShift = 31 - Integer.numberOfLeadingZeros(records);
        this.pageMask = (1 << pageShift) - 1;
    }

    int recordBytes() {
        return recordBytes;
    }

    /** Number of records; ordinals are {@code [0, size)}. */
    int size() {
        return size;
    }

    /** Whether the pages are mappings of a file rather than direct buffers. */
    boolean mapped() {
        return file != null;
    }

    /**
     * Appends a record written by {@code writer} and returns its ordinal.
     *
     * @throws UncheckedIOException if a mapped file cannot grow (a full disk fails here, before
     *                              anything is written into the mapping)
     */
    int append(RecordWriter writer) {
        synchronized (this) {
            int ordinal = size;
            if (ordinal == Integer.MAX_VALUE) {
                throw new IllegalStateException("index is full (2^31-1 vectors)");
            }
            if (ordinal >= capacity) {
                grow(ordinal + 1);
            }
            writer.write(pages.bytes[ordinal >>> pageShift], offset(ordinal));
            size = ordinal + 1;
            return ordinal;
        }
    }

    /** The page holding {@code ordinal}'s record. */
    ByteBuffer page(int ordinal) {
        return pages.bytes[ordinal >>> pageShift];
    }

    /** The float view of the page holding {@code ordinal}'s record (index = byte offset / 4). */
    FloatBuffer floatPage(int ordinal) {
        return pages.floats[ordinal >>> pageShift];
    }

    /** Byte offset of {@code ordinal}'s record in its page. */
    int offset(int ordinal) {
        return (ordinal & pageMask) * recordBytes;
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
            ByteBuffer bigger;
            if (file != null) {
                // The same file region, mapped longer: both mappings show the same bytes.
                bigger = map(last, grown);
            } else {
                bigger = direct(grown);
                bigger.put(0, bytes[last], 0, lastRecords * recordBytes);
            }
            bytes = bytes.clone();
            floats = floats.clone();
            bytes[last] = bigger;
            floats[last] = bigger.asFloatBuffer();
            capacity = (last << pageShift) + grown;
        } else {
            int fresh = Math.min(pageRecords, Math.max(FIRST_PAGE_RECORDS, records - capacity));
            ByteBuffer page = file != null ? map(bytes.length, fresh) : direct(fresh);
            bytes = Arrays.copyOf(bytes, bytes.length + 1);
            floats = Arrays.copyOf(floats, floats.length + 1);
            bytes[bytes.length - 1] = page;
            floats[floats.length - 1] = page.asFloatBuffer();
            capacity += fresh;
        }
        pages = new Pages(bytes, floats);
    }

    private ByteBuffer direct(int records) {
        return ByteBuffer.allocateDirect(records * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The first {@code records} records of page {@code index}, which starts at a multiple of a full page. */
    private ByteBuffer map(int index, int records) {
        long position = ((long) index << pageShift) * recordBytes;
        int length = records * recordBytes;
        try {
            return file.map(position, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot grow " + file.path() + " to " + (position + length) + " bytes: "
                    + e.getMessage(), e);
        }
    }

    /** Bytes of direct buffers held (0 for mapped pages, which the page cache holds). */
    long directBytes() {
        return file == null ? pageBytes() : 0;
    }

    /** Bytes of file mappings (0 for direct pages). */
    long mappedBytes() {
        return file == null ? 0 : pageBytes();
    }

    private long pageBytes() {
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
