package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.point.PointId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuilt durable shard recovers every acknowledged write whichever way it stops: after the
 * rebuild and its checkpoint, after the swap but before any checkpoint of the rebuilt state, and
 * with a checkpoint of the old state followed by a rebuild.
 */
class DurableShardRebuildTest {

    @TempDir
    Path dir;

    private static Map<String, VectorFieldSpec> fresh() {
        return DurableShards.spec().vectors();
    }

    /** Every id of 0..199 written four times (a seventh of them under new UUIDs each time), some deleted, a field index and payload changes. */
    private static void churn(Shard shard, Random rnd) {
        for (int round = 0; round < 4; round++) {
            shard.upsert(DurableShards.points(rnd, 0, 200));
        }
        shard.createFieldIndex("city", PayloadSchemaType.KEYWORD);
        shard.delete(List.of(PointId.of(3), PointId.of(4), PointId.of(5)));
        shard.updatePayload(List.of(PointId.of(6)), new PayloadUpdate.Clear());
    }

    /** Writes after the rebuild: they live only in the log unless a later checkpoint covers them. */
    private static void afterwards(Shard shard, Random rnd) {
        shard.upsert(DurableShards.points(rnd, 150, 260));
        shard.delete(List.of(PointId.of(8)));
        shard.dropFieldIndex("city");
        shard.createFieldIndex("n", PayloadSchemaType.INTEGER);
    }

    private static List<String> state(Shard shard) {
        List<String> out = new ArrayList<>(DurableShards.contents(shard));
        out.add("indexes " + shard.fieldIndexes());
        out.add("last op " + shard.lastOperationId() + " at sequence " + shard.appliedSequence());
        return out;
    }

    private long checkpoints() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve(DurableShard.CHECKPOINT_DIRECTORY))) {
            return files.count();
        }
    }

    @Test
    void rebuildThenCheckpointThenReopenRestoresTheRebuiltState() throws Exception {
        Random rnd = new Random(1);
        List<String> expected;
        long fileBefore;
        long fileAfter;
        int live;
        int stored;
        try (DurableShard durable = DurableShards.open(dir)) {
            churn(durable.shard(), rnd);
            fileBefore = durable.checkpoint().bytes();
            List<String> before = state(durable.shard());
            RebuildResult result = durable.rebuild(fresh(), DurableShards.spec().kernels());
            assertNotNull(result);
            assertEquals(before, state(durable.shard()));
            live = durable.shard().pointCount();
            assertEquals(live, durable.shard().storedVectorCount());
            assertEquals(1, checkpoints(), "the rebuilt state replaced the checkpoint of the same sequence");
            try (Stream<Path> files = Files.list(dir.resolve(DurableShard.CHECKPOINT_DIRECTORY))) {
                fileAfter = Files.size(files.findFirst().orElseThrow());
            }
            afterwards(durable.shard(), rnd);
            expected = state(durable.shard());
            stored = durable.shard().storedVectorCount();
        }
        System.out.printf("checkpoint of 800 vectors (" + live + " live): %d bytes; after the rebuild: %d bytes%n",
                fileBefore, fileAfter);
        assertTrue(fileAfter < fileBefore * 2 / 3, fileAfter + " vs " + fileBefore);
        try (DurableShard reopened = DurableShards.open(dir)) {
            assertEquals(expected, state(reopened.shard()));
            assertEquals(stored, reopened.shard().storedVectorCount(),
                    "loaded the rebuilt checkpoint; only the later writes add vectors");
        }
    }

    @Test
    void aSwapWithoutItsCheckpointRecoversEverythingFromTheOldCheckpointAndTheLog() throws Exception {
        Random rnd = new Random(2);
        List<String> expected;
        try (DurableShard durable = DurableShards.open(dir)) {
            churn(durable.shard(), rnd);
            durable.checkpoint();
            durable.shard().upsert(DurableShards.points(rnd, 100, 120));
            // The crash window: the rebuilt state serves, but only the old checkpoint is on disk.
            assertNotNull(durable.shard().rebuild(fresh(), DurableShards.spec().kernels()));
            afterwards(durable.shard(), rnd);
            expected = state(durable.shard());
        }
        try (DurableShard reopened = DurableShards.open(dir)) {
            assertEquals(expected, state(reopened.shard()));
            assertNotNull(reopened.rebuild(fresh(), DurableShards.spec().kernels()), "and it can be rebuilt again after the restart");
            assertEquals(expected, state(reopened.shard()));
        }
        try (DurableShard again = DurableShards.open(dir)) {
            assertEquals(expected, state(again.shard()));
        }
    }

    @Test
    void aSwapWithoutAnyCheckpointReplaysTheWholeLog() throws Exception {
        Random rnd = new Random(3);
        List<String> expected;
        try (DurableShard durable = DurableShards.open(dir)) {
            churn(durable.shard(), rnd);
            assertNotNull(durable.shard().rebuild(fresh(), DurableShards.spec().kernels()));
            afterwards(durable.shard(), rnd);
            expected = state(durable.shard());
        }
        assertEquals(0, checkpoints());
        try (DurableShard reopened = DurableShards.open(dir)) {
            assertEquals(expected, state(reopened.shard()));
        }
    }
}
