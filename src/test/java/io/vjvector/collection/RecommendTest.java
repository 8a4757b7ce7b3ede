package io.vjvector.collection;

import static io.vjvector.collection.Collections.filter;
import static io.vjvector.collection.Collections.ids;
import static io.vjvector.collection.Collections.search;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecommendTest {

    private static RecommendRequest recommend(List<PointId> pos, List<float[]> posVec, List<PointId> neg, List<float[]> negVec,
                                              int limit) {
        return new SearchOptions(null, limit, 0, null, null, true, WithPayload.NONE, false)
                .recommend(pos, posVec, neg, negVec);
    }

    @Test
    void averageVectorStrategyQueriesWithTheAverageOfPositivesPushedAwayFromNegatives() {
        assertArrayEquals(new float[] {2, 3}, AverageVector.query(List.of(new float[] {1, 2}, new float[] {3, 4}), List.of()));
        // avg(pos) = (2, 3); avg(neg) = (0, 1); 2·(2, 3) − (0, 1) = (4, 5)
        assertArrayEquals(new float[] {4, 5}, AverageVector.query(
                List.of(new float[] {1, 2}, new float[] {3, 4}), List.of(new float[] {0, 1})));
    }

    @Test
    void recommendEqualsSearchWithTheAverageVectorMinusTheExamples() {
        LocalCollectionService service = Collections.service();
        service.create("r", Collections.params(8, Distance.EUCLID, 3, 10_000));
        service.upsert("r", Collections.randomPoints(300, 8, new Random(3)));
        List<PointId> pos = List.of(PointId.of(1), PointId.of(2));
        List<PointId> neg = List.of(PointId.of(3));
        float[] extra = Collections.vector(8, new Random(4));
        List<PointRecord> examples = service.retrieve("r", List.of(PointId.of(1), PointId.of(2), PointId.of(3)), WithPayload.NONE, true);
        float[] query = AverageVector.query(List.of(examples.get(0).vector(), examples.get(1).vector(), extra),
                List.of(examples.get(2).vector()));

        List<ScoredPoint> got = service.recommend("r", recommend(pos, List.of(extra), neg, null, 10));
        List<PointId> expected = ids(service.search("r", search(query, null, 13, 0, true))).stream()
                .filter(id -> !pos.contains(id) && !neg.contains(id)).limit(10).toList();
        assertEquals(expected, ids(got));
        got.forEach(p -> assertFalse(pos.contains(p.id()) || neg.contains(p.id()), "an example was returned"));
    }

    @Test
    void recommendHonoursFilterAndNeverReturnsTheExampleItself() {
        LocalCollectionService service = Collections.service();
        service.create("r", Collections.params(4, Distance.COSINE, 2, 10_000));
        service.upsert("r", Collections.randomPoints(100, 4, new Random(8)));
        var red = filter("{'must': {'key': 'color', 'match': {'value': 'red'}}}");
        List<ScoredPoint> got = service.recommend("r", new SearchOptions(red, 100, 0, null, null, false, WithPayload.ALL, false)
                .recommend(List.of(PointId.of(5)), null, null, null));
        got.forEach(p -> {
            assertFalse(p.id().equals(PointId.of(5)));
            assertEquals("red", p.payload().get("color").asText());
        });
    }

    @Test
    void unknownExampleIdIsNotFoundAndNoPositiveIsBadRequest() {
        LocalCollectionService service = Collections.service();
        service.create("r", Collections.params(2, Distance.DOT, 2, 10_000));
        service.upsert("r", Collections.randomPoints(5, 2, new Random(1)));
        VJVectorException missing = assertThrows(VJVectorException.class,
                () -> service.recommend("r", recommend(List.of(PointId.of(1)), null, List.of(PointId.of(77)), null, 3)));
        assertEquals(ErrorKind.NOT_FOUND, missing.kind());
        assertEquals("No point with id 77 found", missing.getMessage());
        VJVectorException none = assertThrows(VJVectorException.class,
                () -> service.recommend("r", recommend(List.of(), null, List.of(PointId.of(1)), null, 3)));
        assertEquals(ErrorKind.BAD_REQUEST, none.kind());
        VJVectorException size = assertThrows(VJVectorException.class,
                () -> service.recommend("r", recommend(null, List.of(new float[3]), null, null, 3)));
        assertEquals(ErrorKind.BAD_REQUEST, size.kind());
        assertEquals("positive[0]", size.field());
    }
}
