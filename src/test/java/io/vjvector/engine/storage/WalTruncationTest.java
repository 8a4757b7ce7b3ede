package io.vjvector.engine.storage;

import static io.vjvector.engine.storage.WalFixture.appendRandom;
import static io.vjvector.engine.storage.WalFixture.readAll;
import static io.vjvector.engine.storage.WalFixture.segmentFiles;
import static io.vjvector.engine.storage.WalFixture.smallSegments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalTruncationTest {

    @TempDir(factory = TmpfsTempDir.class)
    Path dir;

    @Test
    void truncateBeforeDeletesOnlyWholeSegmentsBelowTheCheckpoint() throws Exception {
        List<WalRecord> written;
        long first;
        try (Wal wal = Wal.open(dir, smallSegments())) {
            written = appendRandom(wal, new Random(31), 500, 200);
            int before = segmentFiles(dir).size();
            int deleted = wal.truncateBefore(250);
            first = wal.firstSequence();
            assertEquals(before - deleted, segmentFiles(dir).size());
            assertTrue(deleted > 0);
            assertTrue(first <= 250 && first > 1, "first sequence " + first);
            assertEquals(written.subList((int) first - 1, 500), readAll(wal));
            assertEquals(written.subList(249, 500), readAll(wal, 250));
            assertThrows(IllegalArgumentException.class, () -> wal.reader(first - 1));
            assertEquals(0, wal.truncateBefore(first), "nothing more below");
        }
        try (Wal wal = Wal.open(dir, smallSegments())) {
            assertEquals(first, wal.firstSequence());
            assertEquals(written.subList((int) first - 1, 500), readAll(wal));
        }
    }

    @Test
    void truncateBeforeNeverDeletesTheSegmentBeingAppended() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments())) {
            appendRandom(wal, new Random(32), 300, 200);
            wal.truncateBefore(Long.MAX_VALUE);
            assertEquals(1, segmentFiles(dir).size());
            long next = wal.writer().append(9, (byte) 0, new byte[] {1});
            assertEquals(301, next);
            assertEquals(new WalRecord(9, 301, (byte) 0, new byte[] {1}), readAll(wal, 301).get(0));
        }
    }

    @Test
    void truncateAfterInsideASegmentContinuesFromThere() throws Exception {
        List<WalRecord> written;
        try (Wal wal = Wal.open(dir, smallSegments())) {
            written = new ArrayList<>(appendRandom(wal, new Random(33), 400, 200));
            wal.truncateAfter(234);
            assertEquals(234, wal.lastSequence());
            assertEquals(written.subList(0, 234), readAll(wal));
            long epoch = written.get(233).epoch();
            assertThrows(IllegalArgumentException.class, () -> wal.writer().append(epoch - 1, (byte) 0, new byte[0]),
                    "the epoch of the last kept record still bounds appends");
            assertEquals(235, wal.writer().append(epoch + 1, (byte) 5, new byte[] {5}));
        }
        try (Wal wal = Wal.open(dir, smallSegments())) {
            List<WalRecord> expected = new ArrayList<>(written.subList(0, 234));
            expected.add(new WalRecord(written.get(233).epoch() + 1, 235, (byte) 5, new byte[] {5}));
            assertEquals(expected, readAll(wal));
            assertTrue(wal.recovery().tornTail().isEmpty());
        }
    }

    @Test
    void truncateAfterAtASegmentBoundaryAndToNothing() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments())) {
            List<WalRecord> written = appendRandom(wal, new Random(34), 300, 200);
            long boundary = Segment.firstSequenceOf(segmentFiles(dir).get(3)) - 1;
            wal.truncateAfter(boundary);
            assertEquals(4, segmentFiles(dir).size(), "the segment starting after the cut stays, empty");
            assertEquals(written.subList(0, (int) boundary), readAll(wal));
            assertEquals(boundary + 1, wal.writer().append(100, (byte) 0, new byte[0]));

            wal.truncateAfter(0);
            assertEquals(0, wal.lastSequence());
            assertEquals(List.of(), readAll(wal));
            assertEquals(1, wal.writer().append(1, (byte) 0, new byte[] {9}));
        }
        try (Wal wal = Wal.open(dir, smallSegments())) {
            assertEquals(List.of(new WalRecord(1, 1, (byte) 0, new byte[] {9})), readAll(wal));
        }
    }

    @Test
    void truncateAfterBelowTheCheckpointIsRefused() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments())) {
            appendRandom(wal, new Random(35), 300, 200);
            wal.truncateBefore(200);
            long first = wal.firstSequence();
            assertThrows(IllegalArgumentException.class, () -> wal.truncateAfter(first - 2));
            wal.truncateAfter(first - 1);
            assertEquals(first - 1, wal.lastSequence());
        }
    }

    @Test
    void readersOpenedBeforeATruncationAreInvalidated() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments()); WalReader reader = wal.reader(1)) {
            appendRandom(wal, new Random(36), 50, 50);
            reader.next();
            wal.truncateAfter(20);
            assertThrows(IllegalStateException.class, reader::next);
        }
    }

    @Test
    void resetStartsAnEmptyLogAtTheGivenSequence() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments())) {
            appendRandom(wal, new Random(37), 300, 200);
            wal.resetTo(5000);
            assertEquals(1, segmentFiles(dir).size());
            assertEquals(5000, wal.firstSequence());
            assertEquals(4999, wal.lastSequence());
            assertEquals(5000, wal.writer().append(3, (byte) 0, new byte[] {1}));
        }
        try (Wal wal = Wal.open(dir, smallSegments())) {
            assertEquals(5000, wal.firstSequence());
            assertEquals(List.of(new WalRecord(3, 5000, (byte) 0, new byte[] {1})), readAll(wal));
        }
    }
}
