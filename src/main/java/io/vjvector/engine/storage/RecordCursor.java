package io.vjvector.engine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Walks the records of one segment file forward with positional, read-ahead reads, verifying
 * each record's framing and checksum. Shared by recovery, readers and truncation so that every
 * path applies the same checks. Never reads past {@code end}: for the segment being appended,
 * bytes beyond the published size may be a record still being written.
 */
final class RecordCursor {

    /** Outcome of {@link #next()}. */
    enum Status {
        /** A complete record with a valid checksum. */
        RECORD,
        /** Exactly at {@code end}: no more records for now. */
        END,
        /** The bytes up to {@code end} cannot hold the record that starts here. */
        TORN,
        /** A complete record whose checksum does not match. */
        CORRUPT
    }

    private static final int READ_AHEAD = 1 << 16;

    private final FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(0);
    private long bufferStart;
    private long offset;
    private long end;
    private long recordOffset;
    private ByteBuffer record;
    private String problem;

    RecordCursor(FileChannel channel, long offset, long end) {
        this.channel = channel;
        this.offset = offset;
        this.end = end;
    }

    /** Lets the cursor see bytes the writer has published since. */
    void extendEnd(long newEnd) {
        end = Math.max(end, newEnd);
    }

    /** Reads the record at {@link #offset()}; on {@link Status#RECORD} the cursor moves past it. */
    Status next() throws IOException {
        long remaining = end - offset;
        if (remaining == 0) {
            return Status.END;
        }
        if (remaining < RecordFormat.HEADER_BYTES || !load(RecordFormat.HEADER_BYTES)) {
            problem = "only " + remaining + " bytes remain, a record header needs " + RecordFormat.HEADER_BYTES;
            return Status.TORN;
        }
        int length = buffer.getInt((int) (offset - bufferStart) + RecordFormat.LENGTH_AT);
        long available = remaining - RecordFormat.HEADER_BYTES;
        if (length < 0 || length > available) {
            problem = "record length " + length + " runs past the end of the data (" + available
                    + " bytes follow the header)";
            return Status.TORN;
        }
        int total = RecordFormat.HEADER_BYTES + length;
        if (!load(total)) {
            problem = "file is shorter than its published size";
            return Status.TORN;
        }
        int start = (int) (offset - bufferStart);
        if (buffer.getInt(start + RecordFormat.CRC_AT) != RecordFormat.crc(buffer, start, start + total)) {
            problem = "record checksum mismatch";
            return Status.CORRUPT;
        }
        record = buffer.slice(start, total);
        recordOffset = offset;
        offset += total;
        return Status.RECORD;
    }

    /** Offset of the next record (after a RECORD: the end of the current one). */
    long offset() {
        return offset;
    }

    /** Why the last {@link #next()} returned TORN or CORRUPT. */
    String problem() {
        return problem;
    }

    /** Offset of the record returned by the last successful {@link #next()}. */
    long recordOffset() {
        return recordOffset;
    }

    /** The current record's bytes (header and body), valid until the next call. */
    ByteBuffer record() {
        return record;
    }

    long epoch() {
        return record.getLong(RecordFormat.EPOCH_AT);
    }

    long sequence() {
        return record.getLong(RecordFormat.SEQUENCE_AT);
    }

    byte type() {
        return record.get(RecordFormat.TYPE_AT);
    }

    /** Makes {@code [offset, offset + n)} available in the buffer; false if the file ends first. */
    private boolean load(int n) throws IOException {
        if (offset >= bufferStart && offset + n <= bufferStart + buffer.limit()) {
            return true;
        }
        int capacity = Math.max(READ_AHEAD, n);
        if (buffer.capacity() < capacity) {
            buffer = ByteBuffer.allocate(capacity);
        }
        buffer.clear().limit((int) Math.min(buffer.capacity(), end - offset));
        bufferStart = offset;
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, bufferStart + buffer.position()) < 0) {
                break;
            }
        }
        buffer.flip();
        return buffer.limit() >= n;
    }
}
