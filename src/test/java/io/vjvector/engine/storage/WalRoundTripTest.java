package io.vjvector.engine.storage;

import static io.vjvector.engine.storage.WalFixture.appendRandom;
import static io.vjvector.engine.storage.WalFixture.readAll;
import static io.vjvector.engine.storage.WalFixture.segmentFiles;
import static io.vjvector.engine.storage.WalFixture.smallSegments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void recordsSurviveReopenAcrossManySegments() throws Exception {
        List<WalRecord> written;
        try (Wal wal = Wal.open(dir, smallSegments())) {
            assertEquals(0, wal.lastSequence());
            written = appendRandom(wal, new Random(1), 600, 300);
            assertEquals(written, readAll(wal));
        }
        assertTrue(segmentFiles(dir).size() > 10, "expected many segments, got " + segmentFiles(dir).size());
        try (Wal wal = Wal.open(dir, smallSegments())) {
            WalRecovery recovery = wal.recovery();
            assertEquals(600, recovery.records());
            assertEquals(1, recovery.firstSequence());
            assertEquals(600, recovery.lastSequence());
            assertTrue(recovery.tornTail().isEmpty());
            assertEquals(0, recovery.truncatedBytes());
            assertEquals(written, readAll(wal));
            assertEquals(written.get(599).epoch(), recovery.lastEpoch());
            assertEquals(601, wal.writer().append(recovery.lastEpoch(), (byte) 0, new byte[] {7}));
        }
        try (Wal wal = Wal.open(dir, smallSegments())) {
            assertEquals(601, wal.lastSequence());
        }
    }

    @Test
    void readerStartsAtAnyPosition() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments())) {
            List<WalRecord> written = appendRandom(wal, new Random(2), 300, 200);
            long firstOfThirdSegment = Segment.firstSequenceOf(segmentFiles(dir).get(2));
            for (long from : new long[] {1, 2, 150, firstOfThirdSegment, firstOfThirdSegment - 1, 299, 300, 301}) {
                assertEquals(written.subList((int) from - 1, 300), readAll(wal, from), "from " + from);
            }
        }
    }

    @Test
    void readerOutsideTheLogIsRejected() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments())) {
            appendRandom(wal, new Random(3), 10, 10);
            assertThrows(IllegalArgumentException.class, () -> wal.reader(0));
            assertThrows(IllegalArgumentException.class, () -> wal.reader(12));
        }
    }

    @Test
    void readerSeesAppendsMadeAfterItCaughtUp() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments()); WalReader reader = wal.reader(1)) {
            assertNull(reader.next());
            List<WalRecord> first = appendRandom(wal, new Random(4), 5, 50);
            for (WalRecord expected : first) {
                assertEquals(expected, reader.next());
            }
            assertNull(reader.next());
            // Enough to roll several segments while the reader waits at the end.
            List<WalRecord> more = appendRandom(wal, new Random(5), 100, 200);
            for (WalRecord expected : more) {
                assertEquals(expected, reader.next());
            }
            assertNull(reader.next());
            assertEquals(106, reader.position());
        }
    }

    @Test
    void readerFollowsAConcurrentWriter() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments())) {
            Thread writer = new Thread(() -> {
                try {
                    appendRandom(wal, new Random(6), 1500, 100);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            long seen = 0;
            try (WalReader reader = wal.reader(1)) {
                while (seen < 1500) {
                    WalRecord r = reader.next();
                    if (r == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    assertEquals(++seen, r.sequence());
                }
            }
            writer.join();
        }
    }

    @Test
    void epochsNeverGoBack() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments())) {
            wal.writer().append(5, (byte) 0, new byte[0]);
            assertThrows(IllegalArgumentException.class, () -> wal.writer().append(4, (byte) 0, new byte[0]));
            assertEquals(2, wal.writer().append(5, (byte) 0, new byte[0]));
            assertEquals(3, wal.writer().append(6, (byte) 0, new byte[0]));
        }
    }

    @Test
    void replicatedRecordsKeepTheLeadersSequenceAndEpoch() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments())) {
            WalRecord first = new WalRecord(3, 1, (byte) 2, new byte[] {1, 2});
            wal.writer().appendReplicated(first);
            assertThrows(IllegalArgumentException.class,
                    () -> wal.writer().appendReplicated(new WalRecord(3, 3, (byte) 2, new byte[0])));
            WalRecord second = new WalRecord(4, 2, (byte) 1, new byte[] {3});
            wal.writer().appendReplicated(second);
            assertEquals(List.of(first, second), readAll(wal));
        }
    }

    @Test
    void recordLargerThanASegmentGetsASegmentOfItsOwn() throws Exception {
        byte[] big = new byte[20_000];
        new Random(7).nextBytes(big);
        try (Wal wal = Wal.open(dir, smallSegments())) {
            wal.writer().append(1, (byte) 0, new byte[10]);
            wal.writer().append(1, (byte) 0, big);
            wal.writer().append(1, (byte) 0, new byte[10]);
        }
        assertEquals(3, segmentFiles(dir).size());
        try (Wal wal = Wal.open(dir, smallSegments())) {
            assertEquals(new WalRecord(1, 2, (byte) 0, big), readAll(wal).get(1));
        }
    }

    @Test
    void payloadAboveTheLimitIsRejected() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments().withMaxRecordBytes(100))) {
            assertThrows(IllegalArgumentException.class, () -> wal.writer().append(1, (byte) 0, new byte[101]));
            assertEquals(1, wal.writer().append(1, (byte) 0, new byte[100]));
        }
    }

    @Test
    void newLogStartsAtSequenceOneInANamedSegment() throws Exception {
        try (Wal wal = Wal.open(dir.resolve("shard-0"), smallSegments())) {
            assertEquals(1, wal.firstSequence());
            assertEquals(0, wal.lastSequence());
        }
        assertTrue(Files.exists(dir.resolve("shard-0").resolve("00000000000000000001.wal")));
    }

    @Test
    void closedLogRefusesAppends() throws Exception {
        Wal wal = Wal.open(dir, smallSegments());
        wal.writer().append(1, (byte) 0, new byte[0]);
        wal.close();
        assertEquals(1, wal.writer().durableSequence(), "close syncs whatever the policy");
        assertThrows(IllegalStateException.class, () -> wal.writer().append(1, (byte) 0, new byte[0]));
        assertThrows(IllegalStateException.class, () -> wal.truncateBefore(1));
        wal.close();
    }
}
