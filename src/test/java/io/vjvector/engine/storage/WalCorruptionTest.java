package io.vjvector.engine.storage;

import static io.vjvector.engine.storage.WalFixture.appendRandom;
import static io.vjvector.engine.storage.WalFixture.copyDirectory;
import static io.vjvector.engine.storage.WalFixture.flipByte;
import static io.vjvector.engine.storage.WalFixture.locations;
import static io.vjvector.engine.storage.WalFixture.readAll;
import static io.vjvector.engine.storage.WalFixture.segmentFiles;
import static io.vjvector.engine.storage.WalFixture.smallSegments;
import static io.vjvector.engine.storage.WalFixture.truncate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damage anywhere but a torn tail is refused with file and offset; never a wrong record. */
class WalCorruptionTest {

    private static final EncryptionKeys KEYS = EncryptionKeys.of("k1", Map.of("k1", WalFixture.KEY_1));

    @TempDir(factory = TmpfsTempDir.class)
    Path temp;

    private static WalOptions options(boolean encrypted) {
        return encrypted ? smallSegments().withKeys(KEYS) : smallSegments();
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void randomFlippedBytesNeverYieldAWrongRecord(boolean encrypted) throws IOException {
        long seed = Long.getLong("vjvector.test.seed", System.nanoTime());
        System.out.println("randomFlippedBytesNeverYieldAWrongRecord encrypted=" + encrypted + " seed=" + seed);
        Random random = new Random(seed);
        Path template = temp.resolve("template");
        List<WalRecord> written;
        try (Wal wal = Wal.open(template, options(encrypted))) {
            written = appendRandom(wal, new Random(seed), 150, 100);
        }
        List<WalFixture.Location> locations = locations(template);
        List<Path> files = segmentFiles(template);
        Path dir = temp.resolve("work");
        int refused = 0;
        int prefixes = 0;
        for (int trial = 0; trial < 120; trial++) {
            copyDirectory(template, dir);
            // Half the trials hit the last segment, where damage may be a cut-able tail or not.
            int index = random.nextBoolean() ? files.size() - 1 : random.nextInt(files.size());
            Path file = dir.resolve(files.get(index).getFileName());
            long offset = (long) (random.nextDouble() * Files.size(file));
            // A single changed byte or a burst of up to 64 (each XORed with a non-zero mask).
            int burst = (int) Math.min(random.nextBoolean() ? 1 : 1 + random.nextInt(64), Files.size(file) - offset);
            for (int i = 0; i < burst; i++) {
                flipByte(file, offset + i, 1 + random.nextInt(255));
            }
            String damage = "seed=" + seed + " trial=" + trial + " " + file.getFileName() + "@" + offset + "+" + burst;
            long damagedSequence = damagedSequence(locations, file.getFileName(), offset);
            try (Wal wal = Wal.open(dir, options(encrypted))) {
                List<WalRecord> read = readAll(wal);
                assertEquals(written.subList(0, read.size()), read, "records differ from what was written: " + damage);
                assertTrue(read.size() < damagedSequence, "damaged record " + damagedSequence + " returned: " + damage);
                prefixes++;
            } catch (WalCorruptedException e) {
                refused++;
                assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
            }
        }
        System.out.println("  refused " + refused + ", recovered a clean prefix " + prefixes + " of 120 damaged logs");
        assertEquals(120, refused + prefixes);
    }

    /** The sequence of the record holding the byte, or 1 for a segment header (damages the whole file). */
    private static long damagedSequence(List<WalFixture.Location> locations, Path name, long offset) {
        long firstInFile = Long.MAX_VALUE;
        for (WalFixture.Location l : locations) {
            if (l.file().getFileName().equals(name)) {
                firstInFile = Math.min(firstInFile, l.sequence());
                if (offset >= l.offset() && offset < l.offset() + l.length()) {
                    return l.sequence();
                }
            }
        }
        return firstInFile == Long.MAX_VALUE ? 1 : firstInFile;
    }

    @Test
    void badRecordFollowedByValidRecordsIsRefusedWithFileAndOffset() throws IOException {
        Path dir = temp.resolve("log");
        try (Wal wal = Wal.open(dir, smallSegments().withSegmentBytes(1 << 20))) {
            appendRandom(wal, new Random(21), 50, 100);
        }
        WalFixture.Location victim = locations(dir).get(20);
        flipByte(victim.file(), victim.offset() + RecordFormat.CRC_AT, 0x01);
        WalCorruptedException e = assertThrows(WalCorruptedException.class,
                () -> Wal.open(dir, smallSegments().withSegmentBytes(1 << 20)));
        assertEquals(victim.file(), e.file());
        assertEquals(victim.offset(), e.offset());
        assertTrue(e.getMessage().contains(victim.file().toString()) && e.getMessage().contains("" + victim.offset()),
                e.getMessage());
    }

    @Test
    void damagedMiddleSegmentIsRefusedEvenAtItsEnd() throws IOException {
        Path dir = temp.resolve("log");
        try (Wal wal = Wal.open(dir, smallSegments())) {
            appendRandom(wal, new Random(22), 200, 100);
        }
        Path middle = segmentFiles(dir).get(1);
        truncate(middle, Files.size(middle) - 3);
        WalCorruptedException e = assertThrows(WalCorruptedException.class, () -> Wal.open(dir, smallSegments()));
        assertEquals(middle, e.file());
        assertTrue(e.getMessage().contains("not the last"), e.getMessage());
    }

    @Test
    void badSegmentHeaderIsRefused() throws IOException {
        Path dir = temp.resolve("log");
        try (Wal wal = Wal.open(dir, smallSegments())) {
            appendRandom(wal, new Random(23), 100, 100);
        }
        Path first = segmentFiles(dir).get(0);
        flipByte(first, 0, 0xff);
        WalCorruptedException magic = assertThrows(WalCorruptedException.class, () -> Wal.open(dir, smallSegments()));
        assertEquals(0, magic.offset());
        flipByte(first, 0, 0xff);
        flipByte(first, 12, 0x04);
        WalCorruptedException crc = assertThrows(WalCorruptedException.class, () -> Wal.open(dir, smallSegments()));
        assertTrue(crc.getMessage().contains("header checksum"), crc.getMessage());
        // Even the last segment's header is never treated as a torn tail.
        flipByte(first, 12, 0x04);
        Path last = segmentFiles(dir).get(segmentFiles(dir).size() - 1);
        flipByte(last, 5, 0x01);
        assertEquals(last, assertThrows(WalCorruptedException.class, () -> Wal.open(dir, smallSegments())).file());
    }

    @Test
    void missingMiddleSegmentIsASequenceGap() throws IOException {
        Path dir = temp.resolve("log");
        try (Wal wal = Wal.open(dir, smallSegments())) {
            appendRandom(wal, new Random(24), 200, 100);
        }
        Files.delete(segmentFiles(dir).get(2));
        WalCorruptedException e = assertThrows(WalCorruptedException.class, () -> Wal.open(dir, smallSegments()));
        assertEquals(segmentFiles(dir).get(2), e.file());
        assertTrue(e.getMessage().contains("sequence gap"), e.getMessage());
    }

    @Test
    void unexpectedFileNameIsRefused() throws IOException {
        Path dir = temp.resolve("log");
        Wal.open(dir, smallSegments()).close();
        Files.write(dir.resolve("segment-7.wal"), new byte[10]);
        assertThrows(WalCorruptedException.class, () -> Wal.open(dir, smallSegments()));
    }

    @Test
    void readerDetectsDamageThatAppearsAfterOpening() throws IOException {
        Path dir = temp.resolve("log");
        try (Wal wal = Wal.open(dir, smallSegments())) {
            List<WalRecord> written = appendRandom(wal, new Random(25), 200, 100);
            WalFixture.Location victim = locations(dir).get(99);
            flipByte(victim.file(), victim.offset() + RecordFormat.CRC_AT, 0x10);
            try (WalReader reader = wal.reader(1)) {
                for (int i = 0; i < 99; i++) {
                    assertEquals(written.get(i), reader.next());
                }
                WalCorruptedException e = assertThrows(WalCorruptedException.class, reader::next);
                assertEquals(victim.offset(), e.offset());
            }
        } catch (WalCorruptedException e) {
            fail("closing must not re-verify records: " + e);
        }
    }
}
