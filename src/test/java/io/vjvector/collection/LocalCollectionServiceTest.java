package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LocalCollectionServiceTest {

    private final LocalCollectionService service = new LocalCollectionService(VectorKernelsProvider.fromSystemProperty());

    static CollectionParams params(int size, Distance distance, int shards) {
        return new CollectionParams(size, distance, shards, 1, 1, 16, 100, 10_000);
    }

    static ObjectNode payload(String key, Object value) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putPOJO(key, value);
        if (value instanceof String s) {
            n.put(key, s);
        } else if (value instanceof Integer i) {
            n.put(key, i);
        }
        return n;
    }

    static PointStruct point(long id, float... vector) {
        return new PointStruct(PointId.of(id), vector, payload("n", (int) id));
    }

    static SearchRequest search(float[] v, int limit) {
        return new SearchOptions(null, limit, 0, null, null, false, WithPayload.ALL, false).search(v);
    }

    @Test
    void createListInfoDelete() {
        service.create("b", params(3, Distance.DOT, 2));
        service.create("a", params(3, Distance.COSINE, 1));
        assertEquals(List.of("a", "b"), service.list());
        assertTrue(service.exists("a"));
        CollectionInfo info = service.info("b");
        assertEquals("b", info.name());
        assertEquals(0, info.pointsCount());
        assertEquals(2, info.segmentsCount());
        assertEquals(3, info.params().vectorSize());
        assertTrue(service.delete("a"));
        assertFalse(service.delete("a"));
        assertFalse(service.exists("a"));
        assertEquals(List.of("b"), service.list());
    }

    @Test
    void duplicateCollectionIsConflict() {
        service.create("c", params(2, Distance.DOT, 1));
        VJVectorException e = assertThrows(VJVectorException.class, () -> service.create("c", params(2, Distance.DOT, 1)));
        assertEquals(ErrorKind.CONFLICT, e.kind());
    }

    @Test
    void missingCollectionIsNotFoundInQdrantWords() {
        VJVectorException e = assertThrows(VJVectorException.class, () -> service.info("nope"));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("Collection `nope` doesn't exist!", e.getMessage());
        assertEquals(ErrorKind.NOT_FOUND,
                assertThrows(VJVectorException.class, () -> service.upsert("nope", List.of())).kind());
        assertEquals(ErrorKind.NOT_FOUND,
                assertThrows(VJVectorException.class, () -> service.search("nope", search(new float[2], 1))).kind());
    }

    @Test
    void invalidNamesAreValidationErrorsOfThePathNamingTheField() {
        for (String bad : new String[] {"", "a/b", "x".repeat(256), "é".repeat(128), "a\\b", "a:b", "..", "tab\there"}) {
            VJVectorException e = assertThrows(VJVectorException.class, () -> service.create(bad, params(2, Distance.DOT, 1)), bad);
            assertEquals(ErrorKind.PATH_VALIDATION, e.kind());
            assertEquals("collection_name", e.field());
        }
        service.create("x".repeat(255), params(2, Distance.DOT, 1));
        service.create("ünïcode-and spaces_ok.1", params(2, Distance.DOT, 1));
    }

    @Test
    void wrongDimensionIsBadRequestNamingThePoint() {
        service.create("d", params(3, Distance.EUCLID, 2));
        VJVectorException e = assertThrows(VJVectorException.class,
                () -> service.upsert("d", List.of(point(1, 1, 2, 3), point(2, 1, 2))));
        assertEquals(ErrorKind.BAD_REQUEST, e.kind());
        assertEquals("points[1].vector", e.field());
        assertEquals("Vector dimension error: expected dim: 3, got 2", e.getMessage());
        assertEquals(0, service.count("d", null), "a rejected batch applies nothing");
        VJVectorException nan = assertThrows(VJVectorException.class,
                () -> service.upsert("d", List.of(point(1, 1, Float.NaN, 3))));
        assertEquals(ErrorKind.BAD_REQUEST, nan.kind());
        VJVectorException query = assertThrows(VJVectorException.class, () -> service.search("d", search(new float[4], 1)));
        assertEquals(ErrorKind.BAD_REQUEST, query.kind());
    }

    @Test
    void upsertRetrieveSearchScrollCountDelete() {
        service.create("p", params(2, Distance.EUCLID, 3));
        List<PointStruct> points = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            points.add(point(i, i, 0));
        }
        long op = service.upsert("p", points).operationId();
        assertEquals(50, service.count("p", null));
        assertEquals(50, service.info("p").pointsCount());

        List<PointRecord> got = service.retrieve("p", List.of(PointId.of(7), PointId.of(999), PointId.of(3)), WithPayload.ALL, true);
        assertEquals(List.of(PointId.of(7), PointId.of(3)), got.stream().map(PointRecord::id).toList());
        assertEquals(7, got.get(0).payload().get("n").asInt());
        assertArrayEquals(new float[] {7, 0}, got.get(0).vector());

        List<ScoredPoint> hits = service.search("p", search(new float[] {10.2f, 0}, 3));
        assertEquals(List.of(PointId.of(10), PointId.of(11), PointId.of(9)), hits.stream().map(ScoredPoint::id).toList());
        assertEquals(0.2f, hits.get(0).score(), 1e-5);
        // Each shard takes its own id from the collection's sequence; the batch reports the highest.
        assertTrue(hits.get(0).version() <= op);

        ScrollResult page = service.scroll("p", new ScrollRequest(null, 20, null, WithPayload.NONE, false));
        assertEquals(20, page.points().size());
        assertEquals(PointId.of(20), page.nextPageOffset());
        assertNull(page.points().get(0).payload());

        long delOp = service.deletePoints("p", PointSelector.ids(List.of(PointId.of(10), PointId.of(11)))).operationId();
        assertTrue(delOp > op);
        assertEquals(48, service.count("p", null));
        hits = service.search("p", search(new float[] {10.2f, 0}, 2));
        assertEquals(List.of(PointId.of(9), PointId.of(12)), hits.stream().map(ScoredPoint::id).toList());
    }

    @Test
    void hugeLimitsAndOffsetsAreBoundedByTheCollectionSize() {
        service.create("h", params(2, Distance.DOT, 3));
        List<PointStruct> points = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            points.add(point(i, i, 1));
        }
        service.upsert("h", points);
        for (boolean exact : new boolean[] {true, false}) {
            assertEquals(15, service.search("h", new SearchOptions(null, Integer.MAX_VALUE, 5, null,
                    null, exact, WithPayload.NONE, false).search(new float[] {1, 0})).size());
            assertEquals(0, service.search("h", new SearchOptions(null, Integer.MAX_VALUE,
                    Integer.MAX_VALUE, null, null, exact, WithPayload.NONE, false).search(new float[] {1, 0})).size());
        }
        assertEquals(20, service.scroll("h", new ScrollRequest(null, Integer.MAX_VALUE, null, WithPayload.NONE, false)).points().size());
        assertEquals(ErrorKind.BAD_REQUEST, assertThrows(VJVectorException.class, () -> service.search("h",
                new SearchOptions(null, -1, 0, null, null, false, WithPayload.NONE, false).search(new float[] {1, 0}))).kind());
    }

    @Test
    void uuidAndNumericIdsCoexistNumbersFirst() {
        service.create("u", params(2, Distance.DOT, 2));
        UUID uuid = UUID.fromString("00000000-0000-0000-0000-000000000001");
        service.upsert("u", List.of(new PointStruct(PointId.of(uuid), new float[] {1, 1}, payload("k", "v")), point(5, 1, 0)));
        ScrollResult all = service.scroll("u", new ScrollRequest(null, 10, null, WithPayload.ALL, false));
        assertEquals(List.of(PointId.of(5), PointId.of(uuid)), all.points().stream().map(PointRecord::id).toList());
        assertNull(all.nextPageOffset());
    }
}
