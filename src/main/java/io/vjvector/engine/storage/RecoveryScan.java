package io.vjvector.engine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Opens a log directory: validates every segment header and every record (framing, checksum,
 * consecutive sequences, non-decreasing epochs), cuts a torn tail off the last segment, and
 * refuses anything else.
 *
 * <p>Torn tail versus damage: a crash during an append can only leave garbage at the end of the
 * last segment, because a segment is fsynced before the next one is created. So a bad record is
 * a torn tail only if it is in the last segment and no checksum-valid record follows it. One
 * exception, as in etcd: if a 4 KiB-aligned page of zeros lies between the bad record and the
 * next valid one, the kernel wrote later pages of an unsynced tail before an earlier one and
 * the machine died in between. Nothing after that hole was ever fsynced (an fsync covers every
 * earlier page), so nothing after it was acknowledged under {@link FsyncPolicy#ALWAYS}; it is
 * cut off and reported.
 */
final class RecoveryScan {

    /** The opened segments (headers validated, ends published) and the report. */
    record Result(List<Segment> segments, WalRecovery recovery) {
    }

    private static final System.Logger LOG = System.getLogger(RecoveryScan.class.getName());
    private static final int PAGE = 4096;
    private static final int WINDOW = 1 << 16;

    private final EncryptionKeys keys;
    private final List<Segment> segments = new ArrayList<>();
    private long records;
    private long epoch;
    private WalRecovery.TornTail tornTail;

    private RecoveryScan(EncryptionKeys keys) {
        this.keys = keys;
    }

    /** Recovers the log in {@code directory}, creating an empty one (first sequence 1) if there is none. */
    static Result run(Path directory, EncryptionKeys keys) throws IOException {
        Files.createDirectories(directory);
        int removed = AtomicFile.removeLeftovers(directory);
        RecoveryScan scan = new RecoveryScan(keys);
        try {
            List<Path> files = segmentFiles(directory);
            if (files.isEmpty()) {
                scan.segments.add(Segment.create(directory, 1, 0, keys));
            }
            for (int i = 0; i < files.size(); i++) {
                scan.scan(files.get(i), i == files.size() - 1);
            }
            // The previous process may have died with appends only in the page cache: make them
            // durable now, so that every recovered record counts as durable.
            scan.segments.get(scan.segments.size() - 1).sync();
        } catch (IOException | RuntimeException e) {
            for (Segment s : scan.segments) {
                s.close();
            }
            throw e;
        }
        Segment first = scan.segments.get(0);
        Segment last = scan.segments.get(scan.segments.size() - 1);
        WalRecovery report = new WalRecovery(scan.segments.size(), scan.records, first.firstSequence(),
                last.lastSequence(), last.lastEpoch(), Optional.ofNullable(scan.tornTail), removed);
        return new Result(List.copyOf(scan.segments), report);
    }

    private static List<Path> segmentFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + Segment.SUFFIX)) {
            for (Path file : stream) {
                if (Segment.firstSequenceOf(file) < 0) {
                    throw new WalCorruptedException(file, 0, "not a segment name (expected 20 digits + "
                            + Segment.SUFFIX + ")");
                }
                files.add(file);
            }
        }
        files.sort(Comparator.comparingLong(Segment::firstSequenceOf));
        return files;
    }

    private void scan(Path file, boolean last) throws IOException {
        Segment segment = Segment.open(file, keys);
        segments.add(segment);
        if (segments.size() > 1) {
            long expected = segments.get(segments.size() - 2).lastSequence() + 1;
            if (segment.firstSequence() != expected) {
                throw new WalCorruptedException(file, 8, "sequence gap: segment starts at " + segment.firstSequence()
                        + " but the previous segment ends at " + (expected - 1));
            }
        }
        try (FileChannel channel = segment.openForReading()) {
            long size = channel.size();
            RecordCursor cursor = new RecordCursor(channel, segment.headerLength(), size);
            long expected = segment.firstSequence();
            RecordCursor.Status status;
            while ((status = cursor.next()) == RecordCursor.Status.RECORD) {
                checkOrder(segment, cursor, expected);
                segment.appended(expected, cursor.epoch(), cursor.recordOffset(), cursor.offset());
                epoch = cursor.epoch();
                expected++;
                records++;
            }
            if (status != RecordCursor.Status.END) {
                if (!last) {
                    throw new WalCorruptedException(file, cursor.offset(), cursor.problem()
                            + " in a segment that is not the last one");
                }
                cutTail(segment, channel, cursor.offset(), size, expected, cursor.problem());
            }
            segment.resetEnd(cursor.offset(), expected - 1, epoch);
        }
    }

    /** A checksum-valid record out of order is never a torn write: refuse it. */
    private void checkOrder(Segment segment, RecordCursor cursor, long expected) {
        if (cursor.sequence() != expected) {
            throw new WalCorruptedException(segment.path(), cursor.recordOffset(), "sequence "
                    + cursor.sequence() + " where " + expected + " was expected");
        }
        if (cursor.epoch() < epoch) {
            throw new WalCorruptedException(segment.path(), cursor.recordOffset(), "epoch " + cursor.epoch()
                    + " is older than the previous record's epoch " + epoch);
        }
    }

    private void cutTail(Segment segment, FileChannel channel, long damage, long size, long nextSequence,
                         String problem) throws IOException {
        long valid = findRecordAfter(channel, damage, size, nextSequence);
        boolean hole = false;
        if (valid >= 0) {
            if (!zeroPageBetween(channel, damage, valid)) {
                throw new WalCorruptedException(segment.path(), damage, problem
                        + "; a valid record follows at offset " + valid + ", so this is damage, not a torn write");
            }
            hole = true;
        }
        segment.truncateFile(damage);
        tornTail = new WalRecovery.TornTail(segment.path(), damage, size - damage, problem, hole);
        LOG.log(System.Logger.Level.WARNING, "WAL {0}: cut {1} bytes of torn tail at offset {2} ({3}){4}",
                segment.path(), size - damage, damage, problem,
                hole ? "; records after a zero-filled page (never fsynced) were dropped too" : "");
    }

    /**
     * Offset of the first checksum-valid record after {@code damage} that could belong to this
     * log (sequence at least {@code minSequence}, and not beyond what the remaining bytes could
     * hold), or -1.
     */
    private static long findRecordAfter(FileChannel channel, long damage, long size, long minSequence)
            throws IOException {
        long maxSequence = minSequence + (size - damage) / RecordFormat.HEADER_BYTES;
        ByteBuffer window = ByteBuffer.allocate(WINDOW + RecordFormat.HEADER_BYTES);
        for (long base = damage + 1; base + RecordFormat.HEADER_BYTES <= size; base += WINDOW) {
            window.clear().limit((int) Math.min(window.capacity(), size - base));
            readFully(channel, window, base);
            int starts = Math.min(WINDOW, window.limit() - RecordFormat.HEADER_BYTES + 1);
            for (int i = 0; i < starts; i++) {
                long sequence = window.getLong(i + RecordFormat.SEQUENCE_AT);
                if (sequence < minSequence || sequence > maxSequence) {
                    continue;
                }
                long at = base + i;
                int length = window.getInt(i + RecordFormat.LENGTH_AT);
                if (length >= 0 && length <= size - at - RecordFormat.HEADER_BYTES && checksumValid(channel, at, length)) {
                    return at;
                }
            }
        }
        return -1;
    }

    private static boolean checksumValid(FileChannel channel, long at, int length) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(RecordFormat.HEADER_BYTES + length);
        readFully(channel, record, at);
        return record.getInt(RecordFormat.CRC_AT) == RecordFormat.crc(record, 0, record.limit());
    }

    /** True if a whole 4 KiB-aligned page inside {@code [from, to)} is all zeros. */
    private static boolean zeroPageBetween(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer page = ByteBuffer.allocate(PAGE);
        for (long start = (from + PAGE - 1) / PAGE * PAGE; start + PAGE <= to; start += PAGE) {
            page.clear();
            readFully(channel, page, start);
            boolean zeros = true;
            for (int i = 0; i < PAGE && zeros; i += 8) {
                zeros = page.getLong(i) == 0;
            }
            if (zeros) {
                return true;
            }
        }
        return false;
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        int start = buf.position();
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position() - start) < 0) {
                throw new IOException("unexpected end of file at " + (position + buf.position() - start));
            }
        }
        buf.flip();
    }
}
