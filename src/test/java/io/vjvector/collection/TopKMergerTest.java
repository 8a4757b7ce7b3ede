package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.point.PointId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopKMergerTest {

    private static ScoredPoint hit(long id, float score) {
        return new ScoredPoint(PointId.of(id), 0, score, null, null);
    }

    private static List<Long> ids(List<ScoredPoint> points) {
        return points.stream().map(p -> ((PointId.Num) p.id()).value()).toList();
    }

    @Test
    void similaritiesMergeHighestFirst() {
        TopKMerger merger = new TopKMerger(Distance.COSINE);
        List<ScoredPoint> merged = merger.merge(List.of(
                List.of(hit(1, 0.9f), hit(2, 0.5f)),
                List.of(hit(3, 0.95f), hit(4, 0.1f)),
                List.of()), 0, 3, Set.of());
        assertEquals(List.of(3L, 1L, 2L), ids(merged));
    }

    @Test
    void distancesMergeLowestFirst() {
        TopKMerger merger = new TopKMerger(Distance.EUCLID);
        List<ScoredPoint> merged = merger.merge(List.of(
                List.of(hit(1, 0.2f), hit(2, 3f)),
                List.of(hit(3, 1f))), 0, 10, Set.of());
        assertEquals(List.of(1L, 3L, 2L), ids(merged));
    }

    @Test
    void equalScoresAreOrderedByIdWhateverTheShardOrder() {
        TopKMerger merger = new TopKMerger(Distance.DOT);
        List<ScoredPoint> a = merger.merge(List.of(List.of(hit(9, 1f)), List.of(hit(2, 1f)), List.of(hit(5, 1f))), 0, 2, Set.of());
        List<ScoredPoint> b = merger.merge(List.of(List.of(hit(5, 1f)), List.of(hit(9, 1f)), List.of(hit(2, 1f))), 0, 2, Set.of());
        assertEquals(List.of(2L, 5L), ids(a));
        assertEquals(ids(a), ids(b));
    }

    @Test
    void offsetSkipsTheBestAndExcludedIdsDoNotCount() {
        TopKMerger merger = new TopKMerger(Distance.DOT);
        List<List<ScoredPoint>> shards = List.of(List.of(hit(1, 5), hit(2, 4), hit(3, 3)), List.of(hit(4, 2), hit(5, 1)));
        assertEquals(List.of(3L, 4L), ids(merger.merge(shards, 2, 2, Set.of())));
        assertEquals(List.of(4L, 5L), ids(merger.merge(shards, 2, 2, Set.of(PointId.of(2)))));
        assertEquals(List.of(), ids(merger.merge(shards, 10, 2, Set.of())));
    }
}
