package io.vjvector.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.storage.CorruptedStorageException;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.Sealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where each epoch ends, how the history changes, and its file. */
class LeaderEpochHistoryTest {

    @TempDir
    Path dir;

    /** Epoch 2 at 1..4, epoch 5 at 5..9, epoch 8 from 10 on; 12 records. */
    private static final LeaderEpochHistory HISTORY = new LeaderEpochHistory(
            List.of(new EpochEntry(2, 1), new EpochEntry(5, 5), new EpochEntry(8, 10)), 9);

    @Test
    void endSequenceForAnswersTheLargestKnownEpochAtOrBelow() {
        assertEquals(new EpochEnd(1, 0), HISTORY.endSequenceFor(1, 12), "older than every epoch: nothing shared");
        assertEquals(EpochEnd.unknown(), new LeaderEpochHistory(List.of(new EpochEntry(4, 30)), 4).endSequenceFor(1, 40),
                "the epochs of records 1..29 are not known");
        assertEquals(new EpochEnd(1, 0), LeaderEpochHistory.empty().endSequenceFor(1, 0));
        assertEquals(new EpochEnd(2, 4), HISTORY.endSequenceFor(2, 12));
        assertEquals(new EpochEnd(2, 4), HISTORY.endSequenceFor(4, 12));
        assertEquals(new EpochEnd(5, 9), HISTORY.endSequenceFor(7, 12));
        assertEquals(new EpochEnd(8, 12), HISTORY.endSequenceFor(8, 12));
        assertEquals(new EpochEnd(8, 12), HISTORY.endSequenceFor(100, 12));
        assertEquals(-1, HISTORY.epochAt(0));
        assertEquals(2, HISTORY.epochAt(4));
        assertEquals(5, HISTORY.epochAt(5));
        assertEquals(8, HISTORY.epochAt(1000));
    }

    @Test
    void changesKeepEpochsAndSequencesIncreasing() {
        assertEquals(HISTORY, HISTORY.withEpochStart(8, 20), "the latest epoch is not restarted");
        assertEquals(List.of(new EpochEntry(2, 1), new EpochEntry(5, 5), new EpochEntry(9, 10)),
                HISTORY.withEpochStart(9, 10).entries(), "an epoch that wrote nothing is replaced");
        assertEquals(9, HISTORY.withEpochStart(9, 13).highestEpochSeen());
        assertThrows(IllegalArgumentException.class, () -> HISTORY.withEpochStart(7, 13));
        assertEquals(List.of(new EpochEntry(2, 1), new EpochEntry(5, 5)), HISTORY.truncatedAfter(9).entries());
        assertEquals(9, HISTORY.truncatedAfter(0).highestEpochSeen(), "truncation keeps the fence");
        assertEquals(12, HISTORY.withSeen(12).highestEpochSeen());
        assertEquals(HISTORY, HISTORY.withSeen(3));
        assertThrows(IllegalArgumentException.class,
                () -> new LeaderEpochHistory(List.of(new EpochEntry(3, 5), new EpochEntry(2, 9)), 3));
        assertThrows(IllegalArgumentException.class, () -> new LeaderEpochHistory(List.of(new EpochEntry(3, 5)), 2));
    }

    @Test
    void theFileRoundTripsPlainAndEncryptedAndRefusesDamage() throws Exception {
        for (EncryptionKeys keys : List.of(EncryptionKeys.none(), EncryptionKeys.of("k1", Replicas.KEY))) {
            Path shard = Files.createTempDirectory(dir, "shard");
            EpochHistoryFile file = new EpochHistoryFile(shard, new Sealer(keys));
            assertEquals(LeaderEpochHistory.empty(), file.read());
            file.write(HISTORY);
            assertEquals(HISTORY, file.read());
            byte[] bytes = Files.readAllBytes(file.path());
            for (int i = 0; i < bytes.length; i += 7) {
                byte[] bad = bytes.clone();
                bad[i] ^= 0x20;
                Files.write(file.path(), bad);
                RuntimeException e = assertThrows(RuntimeException.class, file::read, "byte " + i);
                assertTrue(e instanceof CorruptedStorageException
                        || e instanceof io.vjvector.engine.storage.StorageKeyException, e.toString());
            }
        }
    }
}
