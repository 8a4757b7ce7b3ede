package io.vjvector.collection;

import static io.vjvector.collection.Collections.filter;
import static io.vjvector.collection.Collections.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PayloadOperationsTest {

    private final LocalCollectionService service = Collections.service();

    @BeforeEach
    void fill() {
        service.create("p", Collections.params(2, Distance.DOT, 3, 10_000));
        List<PointStruct> points = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            points.add(new PointStruct(PointId.of(i), new float[] {i, 1},
                    json("{'group': '" + (i % 3 == 0 ? "a" : "b") + "', 'n': " + i + ", 'meta': {'x': 1, 'y': [1, 2]}}")));
        }
        service.upsert("p", points);
    }

    private ObjectNode payload(long id) {
        return service.retrieve("p", List.of(PointId.of(id)), WithPayload.ALL, false).get(0).payload();
    }

    @Test
    void setMergesAtTheTopOrAtANestedKey() {
        service.setPayload("p", json("{'n': -1, 'new': true}"), PointSelector.ids(List.of(PointId.of(1), PointId.of(2))), null);
        assertEquals(json("{'group': 'b', 'n': -1, 'meta': {'x': 1, 'y': [1, 2]}, 'new': true}"), payload(1));
        assertEquals(-1, payload(2).get("n").asInt());
        assertEquals(3, payload(3).get("n").asInt());
        service.setPayload("p", json("{'z': 9}"), PointSelector.ids(List.of(PointId.of(1))), "meta");
        assertEquals(json("{'x': 1, 'y': [1, 2], 'z': 9}"), payload(1).get("meta"));
    }

    @Test
    void setOverwriteDeleteAndClearByFilter() {
        var groupA = filter("{'must': {'key': 'group', 'match': {'value': 'a'}}}");
        service.setPayload("p", json("{'tag': 'A'}"), PointSelector.filter(groupA), null);
        assertEquals(10, service.count("p", filter("{'must': {'key': 'tag', 'match': {'value': 'A'}}}")));
        service.deletePayload("p", List.of("meta.y", "tag"), PointSelector.filter(groupA));
        assertEquals(json("{'group': 'a', 'n': 0, 'meta': {'x': 1}}"), payload(0));
        service.overwritePayload("p", json("{'only': 1}"), PointSelector.filter(groupA));
        assertEquals(json("{'only': 1}"), payload(3));
        assertEquals(0, service.count("p", groupA));
        service.clearPayload("p", PointSelector.ids(List.of(PointId.of(3))));
        assertEquals(json("{}"), payload(3));
        assertEquals("b", payload(4).get("group").asText());
    }

    @Test
    void payloadChangeOfAMissingIdIsNotFoundAndChangesNothing() {
        VJVectorException e = assertThrows(VJVectorException.class, () -> service.setPayload("p", json("{'k': 1}"),
                PointSelector.ids(List.of(PointId.of(0), PointId.of(1), PointId.of(2), PointId.of(404))), null));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("No point with id 404 found", e.getMessage());
        for (long id = 0; id < 3; id++) {
            assertNull(payload(id).get("k"));
        }
    }

    @Test
    void aSelectorWithNeitherIdsNorFilterIsRefusedRatherThanSelectingEverything() {
        PointSelector neither = new PointSelector(null, null);
        assertEquals(ErrorKind.BAD_REQUEST, assertThrows(VJVectorException.class, () -> service.deletePoints("p", neither)).kind());
        assertEquals(ErrorKind.BAD_REQUEST, assertThrows(VJVectorException.class, () -> service.clearPayload("p", neither)).kind());
        assertEquals(30, service.count("p", null));
    }

    @Test
    void badKeyPathsAreBadRequests() {
        VJVectorException e = assertThrows(VJVectorException.class, () -> service.deletePayload("p", List.of("ok", "a..b"),
                PointSelector.ids(List.of(PointId.of(0)))));
        assertEquals(ErrorKind.BAD_REQUEST, e.kind());
        assertEquals("keys[1]", e.field());
        assertEquals("key", assertThrows(VJVectorException.class, () -> service.setPayload("p", json("{}"),
                PointSelector.ids(List.of(PointId.of(0))), "[")).field());
    }

    @Test
    void projectionIncludesOrExcludesPathsAndNeverExposesStoredObjects() {
        List<PointRecord> got = service.retrieve("p", List.of(PointId.of(5)),
                new WithPayload(true, List.of("meta.x", "n"), null), false);
        assertEquals(json("{'n': 5, 'meta': {'x': 1}}"), got.get(0).payload());
        got = service.retrieve("p", List.of(PointId.of(5)), new WithPayload(true, null, List.of("meta")), false);
        assertEquals(json("{'group': 'b', 'n': 5}"), got.get(0).payload());
        got.get(0).payload().put("group", "mutated");
        assertEquals("b", payload(5).get("group").asText());
        ScoredPoint hit = service.search("p", new SearchOptions(null, 1, 0, null, null, true,
                new WithPayload(true, List.of("n"), null), false).search(new float[] {5, 1})).get(0);
        assertEquals(json("{'n': 29}"), hit.payload());
        assertTrue(hit.vector() == null);
    }
}
