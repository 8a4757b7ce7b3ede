package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.collection.query.ExampleQuery;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExampleQuerySearchTest {

    private static final long SEED = Long.getLong("vjvector.test.seed", System.nanoTime());
    private static final VectorKernels KERNELS = VectorKernelsProvider.fromSystemProperty();

    private record Scored(PointId id, float score) {
    }

    /** Every point scored by the query, best first (score, then id): the brute-force answer. */
    private static List<Scored> bruteForce(LocalCollectionService service, String name, ExampleQuery query,
                                           Distance distance, Set<PointId> excluded) {
        List<PointId> all = new ArrayList<>();
        service.scroll(name, new ScrollRequest(null, 100_000, null, WithPayload.NONE, false)).points()
                .forEach(p -> all.add(p.id()));
        ExampleQuery q = distance.normalizes() ? query.map(v -> Distance.normalized(KERNELS, v)) : query;
        List<Scored> out = new ArrayList<>();
        for (PointRecord r : service.retrieve(name, all, WithPayload.NONE, true)) {
            if (excluded.contains(r.id())) {
                continue;
            }
            float[] v = distance.normalizes() ? Distance.normalized(KERNELS, r.vector()) : r.vector();
            out.add(new Scored(r.id(), q.score(e -> distance.similarity(KERNELS, e, 0, v, 0, v.length))));
        }
        out.sort(Comparator.comparingDouble((Scored s) -> -s.score()).thenComparing(Scored::id));
        return out;
    }

    private static List<ExampleQuery> queries(Random rnd, int dim) {
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            v.add(Collections.vector(dim, rnd));
        }
        List<ExampleQuery.Pair> pairs = List.of(new ExampleQuery.Pair(v.get(0), v.get(2)),
                new ExampleQuery.Pair(v.get(1), v.get(3)));
        return List.of(
                new ExampleQuery.BestScore(List.of(v.get(0), v.get(1)), List.of(v.get(2))),
                new ExampleQuery.BestScore(List.of(), List.of(v.get(2), v.get(3))),
                new ExampleQuery.SumScores(List.of(v.get(0), v.get(1)), List.of(v.get(2))),
                new ExampleQuery.Context(pairs),
                new ExampleQuery.Discover(v.get(4), pairs),
                ExampleQuery.RelevanceFeedback.naive(v.get(4), List.of(new ExampleQuery.Judged(v.get(0), 0.9f),
                        new ExampleQuery.Judged(v.get(1), 0.2f), new ExampleQuery.Judged(v.get(2), 0.7f),
                        new ExampleQuery.Judged(v.get(3), 0.1f)), 1f, 1f, 0.5f));
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void smallCollectionsAreScannedSoEveryKindEqualsBruteForce(Distance distance) {
        System.out.println("ExampleQuerySearchTest seed=" + SEED + " distance=" + distance);
        Random rnd = new Random(SEED);
        LocalCollectionService service = Collections.service();
        service.create("e", Collections.params(8, distance, 2, 10_000));
        service.upsert("e", Collections.randomPoints(300, 8, rnd));
        Set<PointId> excluded = Set.of(PointId.of(3), PointId.of(7));
        for (ExampleQuery q : queries(rnd, 8)) {
            List<Scored> expected = bruteForce(service, "e", q, distance, excluded).subList(2, 12);
            List<ScoredPoint> got = ExampleQuerySearch.run(service, "e", "", q, excluded,
                    new SearchOptions(null, 10, 2, null, null, false, WithPayload.ALL, false), KERNELS);
            assertEquals(expected.stream().map(Scored::id).toList(), got.stream().map(ScoredPoint::id).toList(),
                    q.getClass().getSimpleName());
            for (int i = 0; i < got.size(); i++) {
                assertEquals(expected.get(i).score(), got.get(i).score(), 1e-5f);
                assertTrue(got.get(i).payload().has("color"), "payload returned as asked");
            }
        }
    }

    @Test
    void largeCollectionsSearchAroundTheSeedsWithRecallAtLeastNinetyPercent() {
        System.out.println("ExampleQuerySearchTest seed=" + SEED);
        Random rnd = new Random(SEED);
        LocalCollectionService service = Collections.service();
        service.create("e", Collections.params(16, Distance.COSINE, 2, 100));
        service.upsert("e", Collections.randomPoints(3_000, 16, rnd));
        assertTrue(3_000 > ExampleQuerySearch.SCAN_LIMIT, "the collection must be large enough to search, not scan");
        for (ExampleQuery q : queries(rnd, 16)) {
            if (q.seeds().isEmpty() || q instanceof ExampleQuery.Context) {
                // Negatives only are always scanned; context scores tie at 0 for a whole zone, so
                // any of its points is right and recall by id means nothing (checked by score below).
                continue;
            }
            List<Scored> expected = bruteForce(service, "e", q, Distance.COSINE, Set.of()).subList(0, 10);
            List<ScoredPoint> got = ExampleQuerySearch.run(service, "e", "", q, Set.of(),
                    new SearchOptions(null, 10, 0, null, null, false, WithPayload.NONE, false), KERNELS);
            Set<PointId> found = new HashSet<>();
            got.forEach(p -> found.add(p.id()));
            long hits = expected.stream().filter(s -> found.contains(s.id())).count();
            assertTrue(hits >= 9, q.getClass().getSimpleName() + " recall " + hits + "/10");
        }
        ExampleQuery context = queries(new Random(SEED + 1), 16).get(3);
        List<ScoredPoint> got = ExampleQuerySearch.run(service, "e", "", context, Set.of(),
                new SearchOptions(null, 10, 0, null, null, false, WithPayload.NONE, false), KERNELS);
        float best = bruteForce(service, "e", context, Distance.COSINE, Set.of()).get(9).score();
        got.forEach(p -> assertTrue(p.score() >= best - 1e-6f, "context hit below the brute-force top 10"));
    }

    @Test
    void filterThresholdAndExclusionsApply() {
        LocalCollectionService service = Collections.service();
        service.create("e", Collections.params(4, Distance.DOT, 1, 10_000));
        service.upsert("e", Collections.randomPoints(100, 4, new Random(5)));
        var red = Collections.filter("{'must': {'key': 'color', 'match': {'value': 'red'}}}");
        ExampleQuery q = new ExampleQuery.SumScores(List.of(new float[] {1, 0, 0, 0}), List.of());
        List<ScoredPoint> got = ExampleQuerySearch.run(service, "e", "", q, Set.of(PointId.of(1)),
                new SearchOptions(red, 100, 0, 0.5f, null, false, WithPayload.ALL, false), KERNELS);
        assertFalse(got.isEmpty());
        got.forEach(p -> {
            assertEquals("red", p.payload().get("color").asText());
            assertTrue(p.score() >= 0.5f);
            assertFalse(p.id().equals(PointId.of(1)));
        });
    }
}
