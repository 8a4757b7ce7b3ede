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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A crash mid-append leaves a torn tail; recovery cuts exactly it and keeps everything before. */
class WalTornTailTest {

    @TempDir(factory = TmpfsTempDir.class)
    Path temp;

    private static WalOptions options(boolean encrypted) {
        return encrypted
                ? smallSegments().withKeys(EncryptionKeys.of("k1", Map.of("k1", WalFixture.KEY_1)))
                : smallSegments();
    }

    /** A template log of several segments whose last record is small, and the records in it. */
    private List<WalRecord> template(Path dir, boolean encrypted) throws IOException {
        try (Wal wal = Wal.open(dir, options(encrypted))) {
            List<WalRecord> written = new ArrayList<>(appendRandom(wal, new Random(11), 200, 120));
            byte[] last = new byte[40];
            new Random(12).nextBytes(last);
            written.add(new WalRecord(9, wal.writer().append(9, (byte) 3, last), (byte) 3, last));
            return written;
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void cutAtEveryByteOfTheLastRecordKeepsEveryEarlierRecord(boolean encrypted) throws IOException {
        Path template = temp.resolve("template");
        List<WalRecord> written = template(template, encrypted);
        WalFixture.Location last = lastLocation(template);
        Path dir = temp.resolve("work");
        for (long cut = last.offset(); cut < last.offset() + last.length(); cut++) {
            copyDirectory(template, dir);
            truncate(dir.resolve(last.file().getFileName()), cut);
            assertRecoversPrefix(dir, encrypted, written, last, cut - last.offset());
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void damagedByteInTheLastRecordIsCutAsATornTail(boolean encrypted) throws IOException {
        Path template = temp.resolve("template");
        List<WalRecord> written = template(template, encrypted);
        WalFixture.Location last = lastLocation(template);
        Path dir = temp.resolve("work");
        for (long at = last.offset(); at < last.offset() + last.length(); at++) {
            copyDirectory(template, dir);
            flipByte(dir.resolve(last.file().getFileName()), at, 0x5a);
            assertRecoversPrefix(dir, encrypted, written, last, last.length());
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void garbageOrZerosAfterTheLastRecordAreCut(boolean encrypted) throws IOException {
        Path dir = temp.resolve("log");
        List<WalRecord> written = template(dir, encrypted);
        Path lastFile = segmentFiles(dir).get(segmentFiles(dir).size() - 1);
        long validEnd = Files.size(lastFile);
        byte[] garbage = new byte[3000];
        new Random(13).nextBytes(garbage);
        Files.write(lastFile, garbage, StandardOpenOption.APPEND);
        try (Wal wal = Wal.open(dir, options(encrypted))) {
            assertEquals(3000, wal.recovery().truncatedBytes());
            assertEquals(validEnd, wal.recovery().tornTail().orElseThrow().offset());
            assertEquals(written, readAll(wal));
        }
        Files.write(lastFile, new byte[8192], StandardOpenOption.APPEND);
        try (Wal wal = Wal.open(dir, options(encrypted))) {
            assertEquals(8192, wal.recovery().truncatedBytes());
            assertEquals(written, readAll(wal));
        }
        assertEquals(validEnd, Files.size(lastFile));
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void zeroFilledPageBeforeValidRecordsIsAnUnsyncedTailNotDamage(boolean encrypted) throws IOException {
        Path dir = temp.resolve("log");
        List<WalRecord> written;
        // One big segment so that the tail spans several pages.
        WalOptions options = options(encrypted).withSegmentBytes(1 << 20);
        try (Wal wal = Wal.open(dir, options)) {
            written = appendRandom(wal, new Random(14), 200, 200);
        }
        Path file = segmentFiles(dir).get(0);
        List<WalFixture.Location> locations = locations(dir);
        long page = 3 * 4096;
        byte[] zeros = new byte[4096];
        try (var channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(zeros), page);
        }
        int firstDamaged = 0;
        while (locations.get(firstDamaged).offset() + locations.get(firstDamaged).length() <= page) {
            firstDamaged++;
        }
        try (Wal wal = Wal.open(dir, options)) {
            WalRecovery.TornTail tail = wal.recovery().tornTail().orElseThrow();
            assertTrue(tail.droppedRecordsAfterHole());
            assertEquals(locations.get(firstDamaged).offset(), tail.offset());
            assertEquals(written.subList(0, firstDamaged), readAll(wal));
        }
    }

    private static WalFixture.Location lastLocation(Path dir) throws IOException {
        List<WalFixture.Location> all = locations(dir);
        WalFixture.Location last = all.get(all.size() - 1);
        assertTrue(segmentFiles(dir).size() > 3, "template should span several segments");
        assertEquals(Files.size(last.file()), last.offset() + last.length());
        return last;
    }

    private static void assertRecoversPrefix(Path dir, boolean encrypted, List<WalRecord> written,
                                             WalFixture.Location last, long tornBytes) throws IOException {
        List<WalRecord> kept = written.subList(0, written.size() - 1);
        try (Wal wal = Wal.open(dir, options(encrypted))) {
            WalRecovery recovery = wal.recovery();
            assertEquals(tornBytes, recovery.truncatedBytes(), "torn bytes");
            assertEquals(tornBytes > 0, recovery.tornTail().isPresent());
            recovery.tornTail().ifPresent(t -> {
                assertEquals(last.offset(), t.offset());
                assertFalse(t.droppedRecordsAfterHole());
            });
            assertEquals(kept.size(), wal.lastSequence());
            assertEquals(kept, readAll(wal));
            // The log continues cleanly where the torn record was.
            assertEquals(written.size(), wal.writer().append(9, (byte) 1, new byte[] {42}));
        }
        try (Wal wal = Wal.open(dir, options(encrypted))) {
            assertTrue(wal.recovery().tornTail().isEmpty());
            assertEquals(written.size(), wal.lastSequence());
        }
    }
}
