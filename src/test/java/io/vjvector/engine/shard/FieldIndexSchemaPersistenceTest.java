package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.point.PointId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payload index definitions with parameters survive log replay and checkpoints, and the records
 * written before parameters existed (a bare type name) still load unchanged.
 */
class FieldIndexSchemaPersistenceTest {

    @TempDir
    Path dir;

    private static final String TEXT_SCHEMA = "{\"type\": \"text\", \"tokenizer\": \"word\", \"phrase_matching\": true,"
            + " \"stemmer\": {\"type\": \"snowball\", \"language\": \"english\"}, \"stopwords\": \"english\", \"on_disk\": true}";
    private static final String[] FILTERS = {
        "{\"must\": [{\"key\": \"body\", \"match\": {\"text\": \"running dogs\"}}]}",
        "{\"must\": [{\"key\": \"body\", \"match\": {\"phrase\": \"the quick runner\"}}]}",
        "{\"must\": [{\"key\": \"body\", \"match\": {\"text_any\": \"cat jumped\"}}]}",
        "{\"must\": [{\"key\": \"tenant\", \"match\": {\"value\": \"00000000-0000-0000-0000-000000000003\"}}]}",
        "{\"must\": [{\"key\": \"at\", \"geo_radius\": {\"center\": {\"lon\": 10, \"lat\": 50}, \"radius\": 300000}}]}",
    };
    private static final String[] SENTENCES = {
        "The quick runners run", "A dog running home", "Cats jump; dogs run", "the quick runner's dogs", "nothing here",
    };

    private static JsonNode json(String text) {
        return DurableShardTest.json(text);
    }

    private static PayloadFieldSchema schema(String text) {
        return PayloadFieldSchema.parse(json(text), "field_schema");
    }

    private static List<PointWrite> points(Random rnd, int from, int to) {
        List<PointWrite> out = new ArrayList<>();
        for (int n = from; n < to; n++) {
            ObjectNode payload = JsonNodeFactory.instance.objectNode()
                    .put("body", SENTENCES[rnd.nextInt(SENTENCES.length)])
                    .put("tenant", new UUID(0, rnd.nextInt(5)).toString());
            payload.putObject("at").put("lon", 5 + rnd.nextDouble() * 10).put("lat", 45 + rnd.nextDouble() * 10);
            out.add(new PointWrite(PointId.of(n), DurableShards.vector(rnd), payload));
        }
        return out;
    }

    private static void writeIndexedPoints(Shard shard) {
        Random rnd = new Random(7);
        shard.upsert(points(rnd, 0, 100));
        shard.createFieldIndex("body", schema(TEXT_SCHEMA));
        shard.createFieldIndex("tenant", schema("{\"type\": \"uuid\", \"is_tenant\": true}"));
        shard.createFieldIndex("at", PayloadSchemaType.GEO);
        shard.createFieldIndex("plain", PayloadSchemaType.KEYWORD);
        shard.upsert(points(rnd, 80, 150));
    }

    private static Map<String, Long> counts(Shard shard) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String f : FILTERS) {
            out.put(f, shard.count(Filter.parse(json(f))));
        }
        return out;
    }

    private static Map<String, PayloadFieldSchema> schemas(Shard shard) {
        Map<String, PayloadFieldSchema> out = new LinkedHashMap<>();
        shard.fieldIndexes().forEach((key, info) -> out.put(key, info.schema()));
        return out;
    }

    @Test
    void schemasWithParamsSurviveReplayAndCheckpoint() throws Exception {
        Map<String, Long> counts;
        Map<String, PayloadFieldSchema> schemas;
        try (DurableShard durable = DurableShards.open(dir)) {
            writeIndexedPoints(durable.shard());
            counts = counts(durable.shard());
            schemas = schemas(durable.shard());
        }
        assertEquals(schema(TEXT_SCHEMA), schemas.get("body"));
        assertEquals(PayloadFieldSchema.of(PayloadSchemaType.GEO), schemas.get("at"));
        // Stemming makes "running dogs" match "dogs run", where the substring never occurs.
        assertFalse(Filter.parse(json(FILTERS[0])).test(null, json("{\"body\": \"Cats jump; dogs run\"}")));
        assertTrue(counts.values().stream().allMatch(n -> n > 0), counts.toString());
        try (DurableShard replayed = DurableShards.open(dir)) {
            assertEquals(schemas, schemas(replayed.shard()));
            assertEquals(counts, counts(replayed.shard()));
            assertSearchesMatchTokens(replayed.shard());
            assertNotNull(replayed.checkpoint());
        }
        try (DurableShard fromCheckpoint = DurableShards.open(dir)) {
            assertEquals(0, fromCheckpoint.recovery().replayedRecords());
            assertEquals(schemas, schemas(fromCheckpoint.shard()));
            assertEquals(counts, counts(fromCheckpoint.shard()));
        }
    }

    /** Graph and exact searches judge a text match on tokens too (the planner binds the filter). */
    private static void assertSearchesMatchTokens(Shard shard) {
        Set<String> matching = Set.of("A dog running home", "Cats jump; dogs run");
        for (boolean exact : new boolean[] {true, false}) {
            List<ScoredHit> hits = shard.search(new ShardSearch(DurableShards.vector(new Random(1)), 20,
                    Filter.parse(json(FILTERS[0])), 64, exact, null, true, false));
            assertFalse(hits.isEmpty());
            for (ScoredHit h : hits) {
                assertTrue(matching.contains(h.point().payload().get("body").textValue()), h.toString());
            }
        }
    }

    @Test
    void aCreateIndexRecordWithABareTypeNameLoads() {
        byte[] key = "city".getBytes(StandardCharsets.UTF_8);
        byte[] type = "keyword".getBytes(StandardCharsets.UTF_8);
        // The record as written before index parameters: op id, string key, string type name.
        ByteBuffer old = ByteBuffer.allocate(8 + 4 + key.length + 4 + type.length).order(ByteOrder.LITTLE_ENDIAN);
        old.putLong(42).putInt(key.length).put(key).putInt(type.length).put(type);
        OperationCodec.Logged logged = OperationCodec.decode(OperationCodec.CREATE_INDEX, old.array());
        assertEquals(42, logged.operationId());
        assertEquals(new ShardOperation.CreateFieldIndex("city", PayloadFieldSchema.of(PayloadSchemaType.KEYWORD)),
                logged.operation());
        // And a bare schema is still written that way, byte for byte.
        byte[] encoded = OperationCodec.encode(new ShardOperation.CreateFieldIndex("city",
                PayloadFieldSchema.of(PayloadSchemaType.KEYWORD)));
        OperationCodec.stamp(encoded, 42);
        assertEquals(java.util.HexFormat.of().formatHex(old.array()), java.util.HexFormat.of().formatHex(encoded));
    }

    @Test
    void aRecordWithParamsRoundTrips() {
        ShardOperation op = new ShardOperation.CreateFieldIndex("body", schema(TEXT_SCHEMA));
        byte[] encoded = OperationCodec.encode(op);
        assertEquals(op, OperationCodec.decode(OperationCodec.CREATE_INDEX, encoded).operation());
    }

    @Test
    void aCheckpointOfBareTypesHoldsTheTypeNamesAsBefore() throws Exception {
        Shard shard = Shards.create(DurableShards.DIM, io.vjvector.engine.index.Distance.COSINE, 0);
        shard.upsert(points(new Random(3), 0, 5));
        shard.createFieldIndex("plain", PayloadSchemaType.KEYWORD);
        shard.createFieldIndex("body", schema(TEXT_SCHEMA));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ShardCheckpoint.write(shard.capture(), out);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(out.toByteArray()));
        in.readInt();
        in.readInt();
        in.readLong();
        in.readLong();
        assertEquals(2, in.readInt());
        assertEquals("plain", in.readUTF());
        assertEquals("keyword", in.readUTF());
        assertEquals("body", in.readUTF());
        assertEquals(schema(TEXT_SCHEMA), PayloadFieldSchema.decode(in.readUTF()));
    }
}
