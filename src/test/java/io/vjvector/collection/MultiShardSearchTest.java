package io.vjvector.collection;

import static io.vjvector.collection.Collections.filter;
import static io.vjvector.collection.Collections.ids;
import static io.vjvector.collection.Collections.search;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The same points in one shard and in three: fan-out plus merge must give the one-shard answer. */
class MultiShardSearchTest {

    private static final int DIM = 16;
    private static final int POINTS = 1000;

    @Test
    void threeShardsAnswerLikeOneExactShard() {
        long seed = System.nanoTime();
        System.out.println("MultiShardSearchTest seed=" + seed);
        Random rnd = new Random(seed);
        for (Distance distance : Distance.values()) {
            LocalCollectionService service = Collections.service();
            service.create("one", Collections.params(DIM, distance, 1, 0));
            service.create("three", Collections.params(DIM, distance, 3, 0));
            var points = Collections.randomPoints(POINTS, DIM, new Random(seed));
            service.upsert("one", points);
            service.upsert("three", points);
            assertEquals(POINTS, service.info("three").pointsCount());

            double found = 0;
            double wanted = 0;
            for (int q = 0; q < 20; q++) {
                float[] v = Collections.vector(DIM, rnd);
                Filter f = q % 2 == 0 ? null : filter("{'must': {'key': 'color', 'match': {'value': 'red'}}}");
                int offset = q % 3;
                String where = "seed=" + seed + " " + distance + " query " + q;
                List<ScoredPoint> truth = service.search("one", search(v, f, 10, offset, true));
                List<ScoredPoint> exact = service.search("three", search(v, f, 10, offset, true));
                assertEquals(ids(truth), ids(exact), where);
                for (int i = 0; i < truth.size(); i++) {
                    assertEquals(truth.get(i).score(), exact.get(i).score(), 1e-4f, where);
                }
                List<ScoredPoint> graph = service.search("three", search(v, f, 10, offset, false));
                Set<PointId> truthIds = new HashSet<>(ids(truth));
                found += graph.stream().filter(h -> truthIds.contains(h.id())).count();
                wanted += truth.size();
                List<ScoredPoint> ordered = new java.util.ArrayList<>(graph);
                ordered.sort(new TopKMerger(distance).order());
                assertEquals(ids(ordered), ids(graph), where + ": merged hits out of order");
            }
            assertTrue(found / wanted >= 0.9, "seed=" + seed + " " + distance + " recall " + found / wanted);
        }
    }

    @Test
    void parallelFanOutAnswersLikeSequentialFanOut() {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            LocalCollectionService parallel = new LocalCollectionService(VectorKernelsProvider.fromSystemProperty(), pool);
            LocalCollectionService sequential = Collections.service();
            for (LocalCollectionService service : List.of(parallel, sequential)) {
                service.create("c", Collections.params(DIM, Distance.DOT, 3, 0));
                service.upsert("c", Collections.randomPoints(300, DIM, new Random(11)));
            }
            float[] v = Collections.vector(DIM, new Random(12));
            assertEquals(ids(sequential.search("c", search(v, null, 10, 2, true))), ids(parallel.search("c", search(v, null, 10, 2, true))));
            assertEquals(sequential.count("c", null), parallel.count("c", null));
            assertEquals(sequential.scroll("c", new ScrollRequest(null, 50, PointId.of(100), WithPayload.NONE, false)).nextPageOffset(),
                    parallel.scroll("c", new ScrollRequest(null, 50, PointId.of(100), WithPayload.NONE, false)).nextPageOffset());
        } finally {
            pool.shutdownNow();
        }
    }
}
