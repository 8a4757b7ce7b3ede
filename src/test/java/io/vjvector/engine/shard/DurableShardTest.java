package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A durable shard comes back identical after close and reopen, from its log, its checkpoint, or both. */
class DurableShardTest {

    @TempDir
    Path dir;

    /** Every kind of write, so that replay and checkpoints cover every operation. */
    private static void writeEverything(Shard shard, Random rnd) {
        shard.upsert(DurableShards.points(rnd, 0, 300));
        shard.createFieldIndex("city", PayloadSchemaType.KEYWORD);
        shard.createFieldIndex("n", PayloadSchemaType.INTEGER);
        shard.upsert(DurableShards.points(rnd, 250, 320));
        shard.delete(List.of(PointId.of(1), PointId.of(2), PointId.of(999)));
        shard.delete(Filter.parse(json("{\"must\":[{\"key\":\"city\",\"match\":{\"value\":\"city-3\"}}]}"), 8));
        shard.updatePayload(List.of(PointId.of(10), PointId.of(11)),
                new PayloadUpdate.Set(JsonNodeFactory.instance.objectNode().put("extra", "é☃"), null));
        shard.updatePayload(List.of(PointId.of(12)), new PayloadUpdate.Set(
                JsonNodeFactory.instance.objectNode().put("deep", 1), JsonPath.parse("nested")));
        shard.updatePayload(Filter.parse(json("{\"must\":[{\"key\":\"n\",\"range\":{\"gte\":100,\"lt\":110}}]}"), 8),
                new PayloadUpdate.Overwrite(JsonNodeFactory.instance.objectNode().put("over", true)));
        shard.updatePayload(List.of(PointId.of(20)), new PayloadUpdate.DeleteKeys(List.of(JsonPath.parse("nested.tags"))));
        shard.updatePayload(List.of(PointId.of(23)), new PayloadUpdate.Clear());
        shard.dropFieldIndex("n");
    }

    static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void reopenReplaysTheLogIntoIdenticalPointsAndExactResults() throws Exception {
        Random rnd = new Random(1);
        List<String> contents;
        List<List<String>> exact = new ArrayList<>();
        List<float[]> queries = new ArrayList<>();
        try (DurableShard durable = DurableShards.open(dir)) {
            writeEverything(durable.shard(), rnd);
            contents = DurableShards.contents(durable.shard());
            for (int i = 0; i < 5; i++) {
                queries.add(DurableShards.vector(rnd));
                exact.add(DurableShards.hits(durable.shard(), queries.get(i), true));
            }
        }
        try (DurableShard reopened = DurableShards.open(dir)) {
            assertNull(reopened.recovery().checkpoint());
            assertEquals(12, reopened.recovery().replayedRecords());
            assertEquals(contents, DurableShards.contents(reopened.shard()));
            for (int i = 0; i < queries.size(); i++) {
                assertEquals(exact.get(i), DurableShards.hits(reopened.shard(), queries.get(i), true));
            }
            assertEquals(java.util.Map.of("city", PayloadSchemaType.KEYWORD),
                    java.util.Map.of("city", reopened.shard().fieldIndexes().get("city").type()));
            assertEquals(1, reopened.shard().fieldIndexes().size());
        }
    }

    @Test
    void checkpointPlusLogTailRestoresStateAndTheSameGraph() throws Exception {
        Random rnd = new Random(2);
        List<String> contents;
        List<List<String>> graph = new ArrayList<>();
        List<float[]> queries = new ArrayList<>();
        try (DurableShard durable = DurableShards.open(dir)) {
            writeEverything(durable.shard(), rnd);
            CheckpointResult cp = durable.checkpoint();
            assertNotNull(cp);
            assertEquals(12, cp.sequence());
            assertTrue(cp.removedSegments() > 0, "segments covered by the checkpoint are deleted");
            assertNull(durable.checkpoint(), "nothing new to checkpoint");
            durable.shard().upsert(DurableShards.points(rnd, 400, 420));
            durable.shard().delete(List.of(PointId.of(400)));
            contents = DurableShards.contents(durable.shard());
            for (int i = 0; i < 5; i++) {
                queries.add(DurableShards.vector(rnd));
                graph.add(DurableShards.hits(durable.shard(), queries.get(i), false));
            }
        }
        try (DurableShard reopened = DurableShards.open(dir)) {
            assertEquals(12, reopened.recovery().checkpointSequence());
            assertEquals(2, reopened.recovery().replayedRecords());
            assertEquals(contents, DurableShards.contents(reopened.shard()));
            // The graph was loaded as it was at sequence 12 and the tail re-inserted in the same
            // order on one thread, so graph searches find exactly the same neighbours.
            for (int i = 0; i < queries.size(); i++) {
                assertEquals(graph.get(i), DurableShards.hits(reopened.shard(), queries.get(i), false));
            }
            reopened.checkpoint();
        }
        try (DurableShard fromCheckpoint = DurableShards.open(dir)) {
            assertEquals(0, fromCheckpoint.recovery().replayedRecords());
            assertEquals(contents, DurableShards.contents(fromCheckpoint.shard()));
            assertEquals(14, fromCheckpoint.shard().appliedSequence());
            long op = fromCheckpoint.shard().upsert(DurableShards.points(rnd, 500, 501));
            assertTrue(op > 0);
            assertEquals(15, fromCheckpoint.shard().appliedSequence());
        }
    }
}
