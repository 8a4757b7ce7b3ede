package io.vjvector.engine.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Reads records in sequence order from a starting sequence: recovery replay, and a follower's
 * stream. Sees appends made after it was opened: {@link #next()} returns {@code null} when it has
 * caught up and later calls return newer records. Verifies every record again (checksum,
 * sequence, and authentication when encrypted). One thread per reader; any number of readers
 * run alongside the writer.
 */
public final class WalReader implements AutoCloseable {

    private final SegmentList segments;
    private final WalWriter writer;
    private final long generation;
    private final Gcm gcm = new Gcm();
    private long nextSequence;
    private Segment segment;
    private FileChannel channel;
    private RecordCursor cursor;
    private long expected;
    private boolean closed;

    WalReader(SegmentList segments, WalWriter writer, long from) {
        this.segments = segments;
        this.writer = writer;
        this.generation = writer.generation();
        this.nextSequence = from;
    }

    /**
     * The next record, or {@code null} when every record written so far has been read.
     *
     * @throws WalCorruptedException if a record fails verification
     * @throws IllegalStateException if the log was truncated after this reader was opened (open a
     *                               new one), or the segment to read next was removed by a checkpoint
     */
    public WalRecord next() throws IOException {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
        while (true) {
            if (writer.generation() != generation) {
                throw new IllegalStateException("the log was truncated after this reader was opened;"
                        + " open a new reader (next sequence was " + nextSequence + ")");
            }
            if (nextSequence > writer.lastSequence()) {
                return null;
            }
            if (cursor == null) {
                openSegment();
            }
            cursor.extendEnd(segment.size());
            switch (cursor.next()) {
                case RECORD -> {
                    WalRecord record = decode();
                    if (record != null) {
                        return record;
                    }
                }
                case END -> {
                    if (!moveOn()) {
                        return null;
                    }
                }
                default -> throw new WalCorruptedException(segment.path(), cursor.offset(), cursor.problem());
            }
        }
    }

    /** The sequence the next record will have. */
    public long position() {
        return nextSequence;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        closeSegment();
    }

    private WalRecord decode() {
        long sequence = cursor.sequence();
        if (sequence != expected) {
            throw new WalCorruptedException(segment.path(), cursor.recordOffset(), "sequence " + sequence
                    + " where " + expected + " was expected");
        }
        expected++;
        if (sequence < nextSequence) {
            return null;
        }
        byte[] payload = RecordFormat.payload(cursor.record(), gcm, segment.dataKey());
        if (payload == null) {
            throw new WalCorruptedException(segment.path(), cursor.recordOffset(), "record " + sequence
                    + " failed authentication: altered, moved or spliced ciphertext");
        }
        nextSequence = sequence + 1;
        return new WalRecord(cursor.epoch(), sequence, cursor.type(), payload);
    }

    /**
     * At the end of the current segment's published records: true to keep reading (more was
     * appended to it, or the next segment is opened), false when caught up.
     */
    private boolean moveOn() throws IOException {
        List<Segment> list = segments.snapshot();
        // Read the list before the size: a segment is complete before its successor is listed, so
        // a size read after seeing a successor is final.
        if (segment.size() > cursor.offset()) {
            return true;
        }
        if (list.get(list.size() - 1) == segment) {
            return false;
        }
        closeSegment();
        return true;
    }

    private void openSegment() throws IOException {
        List<Segment> list = segments.snapshot();
        int i = SegmentList.indexOf(list, nextSequence);
        if (i < 0) {
            throw new IllegalStateException("sequence " + nextSequence + " is no longer in the log; it starts at "
                    + list.get(0).firstSequence());
        }
        Segment target = list.get(i);
        try {
            channel = target.openForReading();
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("sequence " + nextSequence + " was removed by a checkpoint while reading", e);
        }
        OffsetIndex.Position start = target.startFor(nextSequence);
        segment = target;
        cursor = new RecordCursor(channel, start.offset(), target.size());
        expected = start.sequence();
    }

    private void closeSegment() throws IOException {
        if (channel != null) {
            channel.close();
        }
        channel = null;
        cursor = null;
        segment = null;
    }
}
