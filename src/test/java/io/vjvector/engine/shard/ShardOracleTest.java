package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.ScalarKernels;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random upserts, replacements and deletes checked after every step against a plain map: exact
 * search equals brute force over the map, and no search ever returns a deleted point or an old
 * vector of a replaced one.
 */
class ShardOracleTest {

    private static final int DIM = 6;

    @Test
    void searchesMatchAModelThroughRandomWrites() {
        long seed = System.nanoTime();
        System.out.println("ShardOracleTest seed=" + seed);
        Random rnd = new Random(seed);
        for (Distance distance : Distance.values()) {
            run(distance, rnd, seed);
        }
    }

    private static void run(Distance distance, Random rnd, long seed) {
        Shard shard = Shards.create(DIM, distance, 0);
        Map<Long, float[]> model = new HashMap<>();
        for (int step = 0; step < 60; step++) {
            int action = rnd.nextInt(10);
            if (action < 6) {
                List<PointWrite> batch = new ArrayList<>();
                int n = 1 + rnd.nextInt(action == 0 ? 400 : 20);
                for (int i = 0; i < n; i++) {
                    long id = rnd.nextInt(300);
                    float[] v = randomVector(rnd);
                    batch.add(Shards.point(id, Shards.payload("id", id), v));
                    model.put(id, v);
                }
                shard.upsert(batch);
            } else {
                List<PointId> ids = new ArrayList<>();
                for (int i = 0; i < 1 + rnd.nextInt(15); i++) {
                    long id = rnd.nextInt(300);
                    ids.add(PointId.of(id));
                    model.remove(id);
                }
                shard.delete(ids);
            }
            check(shard, model, distance, rnd, "seed=" + seed + " distance=" + distance + " step=" + step);
        }
    }

    private static void check(Shard shard, Map<Long, float[]> model, Distance distance, Random rnd, String where) {
        assertEquals(model.size(), shard.pointCount(), where);
        assertEquals(model.size(), shard.count(null), where);
        float[] q = randomVector(rnd);
        int k = 1 + rnd.nextInt(12);
        List<Map.Entry<Long, Float>> expected = bruteForce(model, distance, q);
        List<ScoredHit> exact = shard.search(new ShardSearch(q, k, null, null, true, null, true, false));
        assertEquals(Math.min(k, model.size()), exact.size(), where);
        for (int i = 0; i < exact.size(); i++) {
            assertEquals(expected.get(i).getValue(), exact.get(i).score(), 1e-3f, where + " rank " + i);
        }
        List<ScoredHit> graph = shard.search(new ShardSearch(q, k, null, null, false, null, true, true));
        for (ScoredHit h : graph) {
            long id = ((PointId.Num) h.point().id()).value();
            float[] current = model.get(id);
            assertNotNull(current, where + ": returned deleted point " + id);
            assertEquals(id, h.point().payload().get("id").asLong(), where);
            float[] stored = distance.normalizes() ? Distance.normalized(ScalarKernels.INSTANCE, current) : current;
            assertArrayEquals(stored, h.point().vector(), 1e-5f, where + ": stale vector for " + id);
        }
        assertTrue(graph.stream().map(h -> h.point().id()).distinct().count() == graph.size(), where + ": duplicate ids");
    }

    private static List<Map.Entry<Long, Float>> bruteForce(Map<Long, float[]> model, Distance distance, float[] q) {
        float[] pq = distance.normalizes() ? Distance.normalized(ScalarKernels.INSTANCE, q) : q;
        List<Map.Entry<Long, Float>> all = new ArrayList<>();
        for (Map.Entry<Long, float[]> e : model.entrySet()) {
            float[] v = distance.normalizes() ? Distance.normalized(ScalarKernels.INSTANCE, e.getValue()) : e.getValue();
            float sim = distance.similarity(ScalarKernels.INSTANCE, pq, 0, v, 0, DIM);
            all.add(Map.entry(e.getKey(), distance.toScore(sim)));
        }
        Comparator<Map.Entry<Long, Float>> byScore = Map.Entry.comparingByValue();
        all.sort(distance.higherScoreIsBetter() ? byScore.reversed() : byScore);
        return all;
    }

    private static float[] randomVector(Random rnd) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }
}
