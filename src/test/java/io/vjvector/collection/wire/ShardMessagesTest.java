package io.vjvector.collection.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.CollectionInfo;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointSelector;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.PointVectors;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.ShardHandle;
import io.vjvector.collection.ShardHandleFactory;
import io.vjvector.collection.ShardStats;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.sparse.SparseVector;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.PayloadUpdate;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every request and answer of a shard call reads back equal from its bytes; vectors bit for bit.
 * Randomized: the seed is printed and read back from {@code vjvector.test.seed}.
 */
class ShardMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("vjvector.test.seed", System.nanoTime());

    /** Through bytes, as a message travels. */
    private static <T> T roundTrip(T value, Function<T, JsonNode> write, Function<JsonNode, T> read) {
        return read.apply(ShardMessages.message(ShardMessages.bytes(write.apply(value))));
    }

    @Test
    void pointsKeepEveryVectorBitForBit() throws IOException {
        System.out.println("ShardMessagesTest seed=" + SEED + " (rerun with -Dvjvector.test.seed=" + SEED + ")");
        Random r = new Random(SEED);
        for (int i = 0; i < 200; i++) {
            Map<String, VectorValue> vectors = new LinkedHashMap<>();
            vectors.put("", new VectorValue.Dense(floats(r, r.nextInt(20))));
            vectors.put("image", new VectorValue.Dense(new float[] {Float.MIN_VALUE, -0.0f, Float.MAX_VALUE, 1e-42f}));
            vectors.put("text", new VectorValue.Sparse(SparseVector.of(new int[] {7, 3, Integer.MAX_VALUE},
                    new float[] {r.nextFloat(), -r.nextFloat(), 1e-40f})));
            PointId id = i % 2 == 0 ? PointId.of(r.nextLong()) : PointId.of(new UUID(r.nextLong(), r.nextLong()));
            ObjectNode payload = (ObjectNode) JSON.readTree("{\"a\": [1, 2.5, null, {\"b\": \"ü\"}], \"big\": 18446744073709551615}");
            PointStruct p = new PointStruct(id, vectors, payload);
            PointStruct back = roundTrip(p, ShardMessages::pointStruct, ShardMessages::pointStruct);
            assertEquals(p.id(), back.id());
            assertEquals(p.payload(), back.payload());
            assertVectors(p.vectors(), back.vectors());
            PointVectors pv = new PointVectors(id, vectors);
            assertVectors(pv.vectors(), roundTrip(pv, ShardMessages::pointVectors, ShardMessages::pointVectors).vectors());
        }
    }

    @Test
    void requestsReadBackEqual() throws IOException {
        Filter filter = Filter.parse(JSON.readTree("{\"must\": [{\"key\": \"a\", \"match\": {\"value\": \"x\"}}]}"));
        for (PointSelector s : List.of(PointSelector.ids(List.of(PointId.of(-1L), PointId.of(new UUID(1, 2)))),
                PointSelector.filter(filter), PointSelector.filter(Filter.matchAll()))) {
            assertEquals(s, roundTrip(s, ShardMessages::selector, ShardMessages::selector));
        }
        ObjectNode values = (ObjectNode) JSON.readTree("{\"k\": {\"deep\": [true]}}");
        for (PayloadUpdate u : List.of(new PayloadUpdate.Set(values, null), new PayloadUpdate.Set(values, JsonPath.parse("a[].b")),
                new PayloadUpdate.Overwrite(values), new PayloadUpdate.DeleteKeys(List.of(JsonPath.parse("\"x y\""))),
                new PayloadUpdate.Clear())) {
            assertEquals(u, roundTrip(u, ShardMessages::payloadUpdate, ShardMessages::payloadUpdate));
        }
        for (SearchOptions o : List.of(
                new SearchOptions(null, 10, 0, null, null, false, WithPayload.ALL, VectorSelection.NONE),
                new SearchOptions(filter, 3, 7, 0.1f, 64, true, new WithPayload(true, List.of("a", "b"), null),
                        VectorSelection.names(Set.of("image", ""))),
                new SearchOptions(Filter.matchAll(), 1, 0, -Float.MAX_VALUE, 1, false,
                        new WithPayload(true, null, List.of("c")), VectorSelection.ALL))) {
            assertEquals(o, roundTrip(o, ShardMessages::searchOptions, ShardMessages::searchOptions));
            SearchRequest dense = new SearchRequest("image", new VectorValue.Dense(new float[] {1, 2}), o);
            SearchRequest back = roundTrip(dense, ShardMessages::searchRequest, ShardMessages::searchRequest);
            assertEquals(dense.using(), back.using());
            assertArrayEquals(dense.vector(), back.vector());
            assertEquals(o, back.options());
        }
        for (ScrollRequest s : List.of(new ScrollRequest(null, 5, null, WithPayload.NONE, VectorSelection.ALL),
                new ScrollRequest(filter, 1, PointId.of(new UUID(3, 4)), WithPayload.ALL, VectorSelection.NONE))) {
            assertEquals(s, roundTrip(s, ShardMessages::scrollRequest, ShardMessages::scrollRequest));
        }
        for (PayloadFieldSchema schema : List.of(PayloadFieldSchema.of(PayloadSchemaType.KEYWORD),
                PayloadFieldSchema.of(PayloadSchemaType.TEXT),
                PayloadFieldSchema.parse(JSON.readTree("{\"type\": \"integer\", \"lookup\": false, \"range\": true}"), "s"))) {
            assertEquals(schema, roundTrip(schema, ShardMessages::fieldSchema, ShardMessages::fieldSchema));
        }
        CollectionParams params = new CollectionParams(4, Distance.COSINE, 3, 1, 1, 16, 100, 10);
        assertEquals(params, roundTrip(params, ShardMessages::collectionParams, ShardMessages::collectionParams));
    }

    @Test
    void answersReadBackEqual() throws IOException {
        ObjectNode payload = (ObjectNode) JSON.readTree("{\"n\": 1}");
        ScoredPoint hit = new ScoredPoint(PointId.of(3), 17, 0.1f + 0.2f, payload,
                Map.of("", new VectorValue.Dense(new float[] {0.1f})));
        ScoredPoint back = roundTrip(hit, ShardMessages::scoredPoint, ShardMessages::scoredPoint);
        assertEquals(Float.floatToRawIntBits(hit.score()), Float.floatToRawIntBits(back.score()));
        assertEquals(hit.version(), back.version());
        assertEquals(hit.payload(), back.payload());
        assertArrayEquals(hit.vector(), back.vector());
        ScoredPoint bare = roundTrip(new ScoredPoint(PointId.of(1), 0, -1e30f, null, null),
                ShardMessages::scoredPoint, ShardMessages::scoredPoint);
        assertNull(bare.payload());
        assertNull(bare.vectors());
        PointRecord record = roundTrip(new PointRecord(PointId.of(new UUID(5, 6)), null, (float[]) null),
                ShardMessages::pointRecord, ShardMessages::pointRecord);
        assertEquals(PointId.of(new UUID(5, 6)), record.id());
        assertNull(record.vectors());
        Map<String, CollectionInfo.PayloadFieldInfo> schema = new LinkedHashMap<>();
        schema.put("z", new CollectionInfo.PayloadFieldInfo(PayloadSchemaType.GEO, 4));
        schema.put("a", new CollectionInfo.PayloadFieldInfo(PayloadFieldSchema.of(PayloadSchemaType.TEXT), 2));
        ShardStats stats = new ShardStats(10, 9, schema, 12, true);
        ShardStats statsBack = roundTrip(stats, ShardMessages::shardStats, ShardMessages::shardStats);
        assertEquals(stats, statsBack);
        assertEquals(List.of("z", "a"), List.copyOf(statsBack.payloadSchema().keySet()));
    }

    @Test
    void shardErrorsCrossTheWireAsThemselves() {
        ShardHandle failing = handle(args -> {
            throw VJVectorException.badRequest("points[0].vector", "wrong size");
        });
        VJVectorException e = assertThrows(VJVectorException.class,
                () -> EncodedShardHandle.loopback(failing).upsert(List.of()));
        assertEquals(ErrorKind.BAD_REQUEST, e.kind());
        assertEquals("points[0].vector", e.field());
        assertEquals("wrong size", e.getMessage());
        ShardHandle broken = handle(args -> {
            throw new IllegalStateException("shard failed");
        });
        RemoteShardException remote = assertThrows(RemoteShardException.class,
                () -> EncodedShardHandle.loopback(broken).count(null));
        assertEquals(IllegalStateException.class.getName(), remote.remoteType());
    }

    @Test
    void theHandleSwitchNamesOnlyKnownFactories() {
        String before = System.getProperty(ShardHandleFactory.PROPERTY);
        try {
            System.setProperty(ShardHandleFactory.PROPERTY, "wire");
            assertInstanceOf(EncodedShardHandle.class, ShardHandleFactory.fromSystemProperty().handle("c", 0, null));
            System.setProperty(ShardHandleFactory.PROPERTY, "carrier-pigeon");
            assertThrows(IllegalArgumentException.class, ShardHandleFactory::fromSystemProperty);
        } finally {
            if (before == null) {
                System.clearProperty(ShardHandleFactory.PROPERTY);
            } else {
                System.setProperty(ShardHandleFactory.PROPERTY, before);
            }
        }
    }

    /** A shard handle whose every call runs {@code body} (shard 0). */
    private static ShardHandle handle(Function<Object[], Object> body) {
        return (ShardHandle) Proxy.newProxyInstance(ShardHandle.class.getClassLoader(), new Class<?>[] {ShardHandle.class},
                (proxy, method, args) -> method.getName().equals("shardId") ? 0 : body.apply(args));
    }

    private static float[] floats(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(v[i])) {
                v[i] = r.nextFloat();
            }
        }
        return v;
    }

    private static void assertVectors(Map<String, VectorValue> expected, Map<String, VectorValue> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, v) -> {
            if (v instanceof VectorValue.Dense d) {
                float[] a = ((VectorValue.Dense) actual.get(name)).values();
                assertEquals(d.values().length, a.length);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(Float.floatToRawIntBits(d.values()[i]), Float.floatToRawIntBits(a[i]), name + "[" + i + "]");
                }
            } else {
                assertEquals(v, actual.get(name), name);
            }
        });
    }
}
