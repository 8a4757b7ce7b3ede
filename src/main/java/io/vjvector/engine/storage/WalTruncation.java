package io.vjvector.engine.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Removes records from either end of the log: whole old segments after a checkpoint, the tail
 * for epoch-based truncation, or everything when a snapshot replaces the log. Runs while the
 * writer is stopped and no fsync is in flight. Files are deleted in an order that leaves a
 * contiguous log if the process dies part-way.
 */
final class WalTruncation {

    private final Path directory;
    private final SegmentList segments;
    private final WalWriter writer;
    private final EncryptionKeys keys;

    WalTruncation(Path directory, SegmentList segments, WalWriter writer, EncryptionKeys keys) {
        this.directory = directory;
        this.segments = segments;
        this.writer = writer;
        this.keys = keys;
    }

    /** See {@link Wal#truncateBefore}. */
    int before(long sequence) throws IOException {
        return writer.exclusively(() -> {
            List<Segment> list = segments.snapshot();
            int whole = 0;
            while (whole < list.size() - 1 && list.get(whole + 1).firstSequence() <= sequence) {
                whole++;
            }
            if (whole > 0) {
                segments.replace(list.subList(whole, list.size()));
                // Oldest first: a crash part-way leaves a shorter log that is still contiguous.
                for (Segment s : list.subList(0, whole)) {
                    delete(s);
                }
                AtomicFile.syncDirectory(directory);
            }
            return whole;
        });
    }

    /** See {@link Wal#truncateAfter}. */
    void after(long sequence) throws IOException {
        writer.exclusively(() -> {
            List<Segment> list = segments.snapshot();
            long first = list.get(0).firstSequence();
            if (sequence < first - 1) {
                throw new IllegalArgumentException("cannot truncate after " + sequence
                        + ": the log starts at " + first + " (earlier records were removed by a checkpoint)");
            }
            if (sequence >= writer.lastSequence()) {
                return null;
            }
            int keep = SegmentList.indexOf(list, sequence + 1);
            // Newest first: a crash part-way leaves a shorter log that is still contiguous.
            for (int i = list.size() - 1; i > keep; i--) {
                delete(list.get(i));
            }
            Segment segment = list.get(keep);
            Cut cut = locate(segment, sequence + 1, keep > 0 ? list.get(keep - 1).lastEpoch() : 0);
            segment.truncateFile(cut.offset());
            segment.resetEnd(cut.offset(), sequence, cut.epochBefore());
            AtomicFile.syncDirectory(directory);
            segments.replace(list.subList(0, keep + 1));
            writer.resetTail(segment, sequence, cut.epochBefore());
            return null;
        });
    }

    /** See {@link Wal#resetTo}. */
    void resetTo(long next) throws IOException {
        if (next < 1) {
            throw new IllegalArgumentException("sequences start at 1, got " + next);
        }
        writer.exclusively(() -> {
            List<Segment> list = segments.snapshot();
            for (int i = list.size() - 1; i >= 0; i--) {
                delete(list.get(i));
            }
            Segment fresh = Segment.create(directory, next, 0, keys);
            segments.replace(List.of(fresh));
            writer.resetTail(fresh, next - 1, 0);
            return null;
        });
    }

    /** Where a truncation cuts a segment, and the epoch of the last record kept. */
    private record Cut(long offset, long epochBefore) {
    }

    private static Cut locate(Segment segment, long target, long epochBeforeSegment) throws IOException {
        if (target == segment.firstSequence()) {
            return new Cut(segment.headerLength(), epochBeforeSegment);
        }
        OffsetIndex.Position start = segment.startFor(target - 1);
        try (FileChannel channel = segment.openForReading()) {
            RecordCursor cursor = new RecordCursor(channel, start.offset(), segment.size());
            long epoch = epochBeforeSegment;
            for (long expected = start.sequence(); expected < target; expected++) {
                if (cursor.next() != RecordCursor.Status.RECORD || cursor.sequence() != expected) {
                    throw new WalCorruptedException(segment.path(), cursor.offset(),
                            "cannot locate sequence " + target + ": " + cursor.problem());
                }
                epoch = cursor.epoch();
            }
            return new Cut(cursor.offset(), epoch);
        }
    }

    private static void delete(Segment segment) throws IOException {
        segment.close();
        Files.deleteIfExists(segment.path());
    }
}
