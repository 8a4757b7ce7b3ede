package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.point.PointId;
import io.vjvector.engine.storage.AtomicFile;
import io.vjvector.engine.storage.CorruptedStorageException;
import io.vjvector.engine.storage.StorageKeyException;
import io.vjvector.engine.storage.WalCorruptedException;
import io.vjvector.engine.storage.WalOptions;
import io.vjvector.engine.storage.WalRecovery;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a durable shard does with what a crash or damage leaves on disk. */
class ShardRecoveryTest {

    @TempDir
    Path dir;

    /** One segment for everything, so the byte positions below stay in one file. */
    private static WalOptions oneSegment() {
        return DurableShards.options().withSegmentBytes(64L << 20);
    }

    private static Path lastSegment(Path shardDir) throws IOException {
        try (Stream<Path> files = Files.list(shardDir.resolve(DurableShard.WAL_DIRECTORY))) {
            return files.filter(f -> f.toString().endsWith(".wal")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    private static List<Path> segments(Path shardDir) throws IOException {
        try (Stream<Path> files = Files.list(shardDir.resolve(DurableShard.WAL_DIRECTORY))) {
            return files.filter(f -> f.toString().endsWith(".wal")).sorted().toList();
        }
    }

    private static List<Path> checkpoints(Path shardDir) throws IOException {
        try (Stream<Path> files = Files.list(shardDir.resolve(DurableShard.CHECKPOINT_DIRECTORY))) {
            return files.sorted().toList();
        }
    }

    @Test
    void tornLastRecordIsCutAndReportedAndEverythingBeforeItSurvives() throws Exception {
        Random rnd = new Random(3);
        List<String> before;
        long recordStart;
        long cutAt;
        try (DurableShard d = DurableShard.open(dir, DurableShards.spec(), oneSegment())) {
            d.shard().upsert(DurableShards.points(rnd, 0, 50));
            d.shard().delete(List.of(PointId.of(3)));
            before = DurableShards.contents(d.shard());
            long size = Files.size(lastSegment(dir));
            d.shard().upsert(DurableShards.points(rnd, 100, 110));
            long record = Files.size(lastSegment(dir)) - size;
            // A crash half-way through writing the last record.
            recordStart = size;
            cutAt = size + record / 2;
        }
        Path segment = lastSegment(dir);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(cutAt);
        }
        try (DurableShard d = DurableShard.open(dir, DurableShards.spec(), oneSegment())) {
            WalRecovery.TornTail torn = d.recovery().wal().tornTail().orElseThrow();
            assertEquals(segment, torn.file());
            assertEquals(recordStart, torn.offset());
            assertEquals(cutAt - recordStart, torn.truncatedBytes());
            assertEquals(recordStart, Files.size(segment));
            assertEquals(before, DurableShards.contents(d.shard()));
            assertEquals(2, d.shard().appliedSequence());
            // The log continues after the cut: the next write takes the torn record's sequence.
            d.shard().upsert(DurableShards.points(rnd, 200, 201));
            assertEquals(3, d.shard().appliedSequence());
        }
        try (DurableShard d = DurableShard.open(dir, DurableShards.spec(), oneSegment())) {
            assertTrue(d.recovery().wal().tornTail().isEmpty());
            assertEquals(before.size() + 1, d.shard().pointCount());
        }
    }

    @Test
    void damageBeforeTheTailRefusesToOpenNamingFileAndOffset() throws Exception {
        Random rnd = new Random(4);
        long damageAt;
        try (DurableShard d = DurableShard.open(dir, DurableShards.spec(), oneSegment())) {
            d.shard().upsert(DurableShards.points(rnd, 0, 20));
            damageAt = Files.size(lastSegment(dir)) - 100;
            d.shard().upsert(DurableShards.points(rnd, 20, 40));
        }
        Path segment = lastSegment(dir);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(damageAt);
            int b = f.read();
            f.seek(damageAt);
            f.write(b ^ 0x40);
        }
        WalCorruptedException e = assertThrows(WalCorruptedException.class,
                () -> DurableShard.open(dir, DurableShards.spec(), oneSegment()));
        assertEquals(segment, e.file());
        assertTrue(e.offset() > 0 && e.offset() <= damageAt, "offset " + e.offset());
        assertTrue(e.getMessage().contains(segment.toString()) && e.getMessage().contains("offset " + e.offset()),
                e.getMessage());
    }

    @Test
    void damagedCheckpointRefusesToOpenNamingFileAndOffset() throws Exception {
        Random rnd = new Random(5);
        try (DurableShard d = DurableShards.open(dir)) {
            d.shard().upsert(DurableShards.points(rnd, 0, 200));
            d.checkpoint();
        }
        Path checkpoint = checkpoints(dir).get(0);
        long at = Files.size(checkpoint) / 2;
        try (RandomAccessFile f = new RandomAccessFile(checkpoint.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 1);
        }
        CorruptedStorageException e = assertThrows(CorruptedStorageException.class, () -> DurableShards.open(dir));
        assertEquals(checkpoint.toString(), e.source());
        assertTrue(e.offset() <= at && at - e.offset() < (1 << 16) + 64, "offset " + e.offset() + " for damage at " + at);
    }

    @Test
    void crashBeforeTheRenameLeavesThePreviousCheckpointInCharge() throws Exception {
        Random rnd = new Random(6);
        List<String> contents;
        Path first;
        try (DurableShard d = DurableShards.open(dir)) {
            d.shard().upsert(DurableShards.points(rnd, 0, 100));
            first = d.checkpoint().file();
            d.shard().upsert(DurableShards.points(rnd, 100, 150));
            d.shard().delete(List.of(PointId.of(5)));
            contents = DurableShards.contents(d.shard());
            // What a crash between writing the new checkpoint's temporary file and renaming it
            // leaves: a complete-looking but unrenamed file next to the old checkpoint.
            Path next = dir.resolve(DurableShard.CHECKPOINT_DIRECTORY).resolve(DurableShard.checkpointName(3));
            Files.copy(first, next.resolveSibling(next.getFileName() + AtomicFile.TEMP_SUFFIX));
        }
        try (DurableShard d = DurableShards.open(dir)) {
            assertEquals(first, d.recovery().checkpoint());
            assertEquals(2, d.recovery().replayedRecords());
            assertEquals(contents, DurableShards.contents(d.shard()));
            assertEquals(List.of(first), checkpoints(dir), "the temporary file is removed");
        }
    }

    @Test
    void crashAfterTheRenameBeforeLogTruncationSkipsWhatTheCheckpointCovers() throws Exception {
        Random rnd = new Random(7);
        Path saved = dir.resolve("saved-log");
        List<String> contents;
        try (DurableShard d = DurableShards.open(dir.resolve("shard"))) {
            d.shard().upsert(DurableShards.points(rnd, 0, 100));
            d.shard().upsert(DurableShards.points(rnd, 100, 200));
            Files.createDirectories(saved);
            for (Path s : segments(dir.resolve("shard"))) {
                Files.copy(s, saved.resolve(s.getFileName()));
            }
            d.checkpoint();
            contents = DurableShards.contents(d.shard());
        }
        // Put back the segments the checkpoint made obsolete, as if the crash came before deleting them.
        Path wal = dir.resolve("shard").resolve(DurableShard.WAL_DIRECTORY);
        try (Stream<Path> files = Files.list(wal)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        try (Stream<Path> files = Files.list(saved)) {
            for (Path f : files.toList()) {
                Files.copy(f, wal.resolve(f.getFileName()));
            }
        }
        try (DurableShard d = DurableShards.open(dir.resolve("shard"))) {
            assertEquals(2, d.recovery().checkpointSequence());
            assertEquals(0, d.recovery().replayedRecords());
            assertEquals(contents, DurableShards.contents(d.shard()));
        }
    }

    @Test
    void logSegmentsStayWhenTheCheckpointCannotBeWritten() throws Exception {
        Random rnd = new Random(8);
        List<String> contents;
        try (DurableShard d = DurableShards.open(dir)) {
            for (int i = 0; i < 6; i++) {
                d.shard().upsert(DurableShards.points(rnd, i * 50, i * 50 + 50));
            }
            contents = DurableShards.contents(d.shard());
            List<Path> before = segments(dir);
            assertTrue(before.size() > 2);
            // A non-empty directory where the checkpoint must go makes the final rename fail.
            Path blocker = dir.resolve(DurableShard.CHECKPOINT_DIRECTORY).resolve(DurableShard.checkpointName(6));
            Files.createDirectories(blocker.resolve("x"));
            assertThrows(IOException.class, d::checkpoint);
            assertEquals(before, segments(dir), "no segment is deleted before its checkpoint is in place");
            Files.delete(blocker.resolve("x"));
            Files.delete(blocker);
            CheckpointResult ok = d.checkpoint();
            assertNotNull(ok);
            assertTrue(segments(dir).size() < before.size());
        }
        try (DurableShard d = DurableShards.open(dir)) {
            assertEquals(contents, DurableShards.contents(d.shard()));
        }
    }

    @Test
    void encryptedShardNeedsItsKeyAndNamesTheKeyIdOtherwise() throws Exception {
        Random rnd = new Random(9);
        WalOptions k1 = DurableShards.encrypted("k1", DurableShards.KEY_1);
        List<String> contents;
        try (DurableShard d = DurableShard.open(dir, DurableShards.spec(), k1)) {
            d.shard().upsert(DurableShards.points(rnd, 0, 50));
            d.checkpoint();
            d.shard().upsert(DurableShards.points(rnd, 50, 60));
            contents = DurableShards.contents(d.shard());
        }
        StorageKeyException missing = assertThrows(StorageKeyException.class,
                () -> DurableShard.open(dir, DurableShards.spec(), DurableShards.options()));
        assertEquals("k1", missing.keyId());
        assertTrue(missing.getMessage().contains("'k1'"), missing.getMessage());
        StorageKeyException wrong = assertThrows(StorageKeyException.class,
                () -> DurableShard.open(dir, DurableShards.spec(), DurableShards.encrypted("k1", DurableShards.KEY_2)));
        assertEquals("k1", wrong.keyId());
        // Rotation: a new current key, the old one kept as a previous key.
        WalOptions rotated = DurableShards.options().withKeys(io.vjvector.engine.storage.EncryptionKeys.of("k2",
                java.util.Map.of("k1", DurableShards.KEY_1, "k2", DurableShards.KEY_2)));
        try (DurableShard d = DurableShard.open(dir, DurableShards.spec(), rotated)) {
            assertEquals(contents, DurableShards.contents(d.shard()));
        }
        assertFalse(contents.isEmpty());
    }
}
