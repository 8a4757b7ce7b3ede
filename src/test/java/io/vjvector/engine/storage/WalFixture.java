package io.vjvector.engine.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Test data and file-level inspection shared by the storage tests. */
final class WalFixture {

    static final String KEY_1 = base64Key(1);
    static final String KEY_2 = base64Key(2);

    private WalFixture() {
    }

    /** Where one record sits on disk. */
    record Location(Path file, long offset, int length, long sequence) {
    }

    static String base64Key(int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Small segments and no fsync: fast tests that still roll many segments. */
    static WalOptions smallSegments() {
        return WalOptions.defaults().withSegmentBytes(4096).withFsyncPolicy(FsyncPolicy.NEVER);
    }

    /** Appends {@code count} records with random payloads (0..maxPayload bytes) and a slowly rising epoch. */
    static List<WalRecord> appendRandom(Wal wal, Random random, int count, int maxPayload) throws IOException {
        List<WalRecord> written = new ArrayList<>();
        long epoch = Math.max(1, wal.recovery().lastEpoch());
        for (int i = 0; i < count; i++) {
            if (random.nextInt(100) == 0) {
                epoch++;
            }
            byte[] payload = new byte[random.nextInt(maxPayload + 1)];
            random.nextBytes(payload);
            byte type = (byte) random.nextInt(4);
            long sequence = wal.writer().append(epoch, type, payload);
            written.add(new WalRecord(epoch, sequence, type, payload));
        }
        return written;
    }

    /** Every record from {@code from} to the current end. */
    static List<WalRecord> readAll(Wal wal, long from) throws IOException {
        List<WalRecord> records = new ArrayList<>();
        try (WalReader reader = wal.reader(from)) {
            for (WalRecord r; (r = reader.next()) != null; ) {
                records.add(r);
            }
        }
        return records;
    }

    static List<WalRecord> readAll(Wal wal) throws IOException {
        return readAll(wal, wal.firstSequence());
    }

    /** Segment files in sequence order. */
    static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(Segment.SUFFIX)).sorted().toList();
        }
    }

    /** Every record's location, read with the production cursor from the files (no keys needed). */
    static List<Location> locations(Path dir) throws IOException {
        List<Location> locations = new ArrayList<>();
        for (Path file : segmentFiles(dir)) {
            long headerLength = headerLength(file);
            try (FileChannel channel = FileChannel.open(file)) {
                RecordCursor cursor = new RecordCursor(channel, headerLength, channel.size());
                while (cursor.next() == RecordCursor.Status.RECORD) {
                    locations.add(new Location(file, cursor.recordOffset(),
                            (int) (cursor.offset() - cursor.recordOffset()), cursor.sequence()));
                }
            }
        }
        return locations;
    }

    static long headerLength(Path segment) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        try {
            return FileHeader.decode(ByteBuffer.wrap(bytes), Segment.MAGIC, "segment").length();
        } catch (MalformedDataException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key id in a segment's header, or null when plaintext. */
    static String keyIdOf(Path segment) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        try {
            return FileHeader.decode(ByteBuffer.wrap(bytes), Segment.MAGIC, "segment").keyId();
        } catch (MalformedDataException e) {
            throw new IllegalStateException(e);
        }
    }

    static void flipByte(Path file, long offset, int mask) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ mask)).rewind();
            channel.write(one, offset);
        }
    }

    static void truncate(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        }
    }

    /** Replaces {@code target}'s content with a copy of {@code source}'s files. */
    static void copyDirectory(Path source, Path target) {
        try {
            if (Files.exists(target)) {
                try (Stream<Path> old = Files.list(target)) {
                    for (Path p : old.toList()) {
                        Files.delete(p);
                    }
                }
            } else {
                Files.createDirectories(target);
            }
            try (Stream<Path> files = Files.list(source)) {
                for (Path p : files.toList()) {
                    Files.copy(p, target.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
