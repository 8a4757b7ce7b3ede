package io.vjvector.engine.index.multi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.GaussianMixture;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.SearchHits;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MultiVectorIndexTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.fromSystemProperty();
    private static final long SEED = Long.getLong("vjvector.test.seed", 20_261_126L);
    private static final int DIM = 32;
    private static final double MIN_RECALL = 0.95;

    private static IndexConfig config(Distance distance) {
        return new IndexConfig(DIM, distance, 16, 100, false);
    }

    private static float[][] rows(float[]... rows) {
        return rows;
    }

    @Test
    void maxSimSumsEachQueryRowsBestDotProduct() {
        MultiVectorIndex index = new MultiVectorIndex(new IndexConfig(2, Distance.DOT, 16, 100, false), KERNELS);
        index.add(new MultiVector(rows(new float[] {1, 0}, new float[] {0, 2})));
        SearchHits hits = index.exactSearch(new MultiVector(rows(new float[] {3, 1}, new float[] {-1, 1})), 1, null);
        // Query row (3,1): max(3, 2) = 3; query row (-1,1): max(-1, 2) = 2.
        assertEquals(5f, hits.similarity(0), 1e-6);
        assertEquals(5f, Distance.DOT.toScore(hits.similarity(0)), 1e-6);
    }

    @Test
    void euclidScoreIsTheRootOfTheSummedSmallestSquaredDistances() {
        MultiVectorIndex index = new MultiVectorIndex(new IndexConfig(2, Distance.EUCLID, 16, 100, false), KERNELS);
        index.add(new MultiVector(rows(new float[] {0, 0}, new float[] {3, 0})));
        SearchHits hits = index.exactSearch(new MultiVector(rows(new float[] {0, 1}, new float[] {3, 2})), 1, null);
        // Nearest rows: (0,1)->(0,0) squared 1; (3,2)->(3,0) squared 4. Qdrant reports sqrt(|-(1+4)|).
        assertEquals(-5f, hits.similarity(0), 1e-6);
        assertEquals((float) Math.sqrt(5), Distance.EUCLID.toScore(hits.similarity(0)), 1e-6);
    }

    @Test
    void manhattanScoreIsTheSummedSmallestL1Distances() {
        MultiVectorIndex index = new MultiVectorIndex(new IndexConfig(2, Distance.MANHATTAN, 16, 100, false), KERNELS);
        index.add(new MultiVector(rows(new float[] {0, 0}, new float[] {3, 0})));
        SearchHits hits = index.exactSearch(new MultiVector(rows(new float[] {1, 1}, new float[] {3, 2})), 1, null);
        assertEquals(-4f, hits.similarity(0), 1e-6);
        assertEquals(4f, Distance.MANHATTAN.toScore(hits.similarity(0)), 1e-6);
    }

    @Test
    void cosineRowsAreStoredNormalisedAndAbsentPointsHaveNoVector() {
        MultiVectorIndex index = new MultiVectorIndex(new IndexConfig(2, Distance.COSINE, 16, 100, false), KERNELS);
        int absent = index.addAbsent();
        int point = index.add(new MultiVector(rows(new float[] {3, 4}, new float[] {0, 2})));
        assertNull(index.vector(absent));
        MultiVector stored = index.vector(point);
        assertArrayEquals(new float[] {0.6f, 0.8f}, stored.rows()[0], 1e-6f);
        assertArrayEquals(new float[] {0f, 1f}, stored.rows()[1], 1e-6f);
        assertEquals(2, index.size());
        assertEquals(1, index.liveCount());
        SearchHits hits = index.search(new MultiVector(rows(new float[] {0, 5})), 10, 16, null);
        assertEquals(1, hits.count());
        assertEquals(point, hits.ordinal(0));
        assertEquals(1f, hits.similarity(0), 1e-6);
    }

    @Test
    void multiVectorOfNamesTheRuleItBreaks() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MultiVector.of(new float[0][], 2))
                .getMessage().contains("at least one row"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MultiVector.of(rows(new float[] {1, 2}, new float[] {1}), 2)).getMessage().contains("same dimension"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MultiVector.of(rows(new float[] {1, 2, 3}), 2)).getMessage().contains("expected 2"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MultiVector.of(rows(new float[] {1, Float.NaN}), 2)).getMessage().contains("non-finite"));
        MultiVectorIndex index = new MultiVectorIndex(config(Distance.DOT), KERNELS);
        assertThrows(IllegalArgumentException.class, () -> index.add(new MultiVector(rows(new float[] {1, 2}))));
    }

    /** Random clustered multivectors: each point and query takes its rows from one shared mixture. */
    static MultiVector[] sample(GaussianMixture mixture, int count, int minRows, int maxRows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MultiVector[] out = new MultiVector[count];
        for (int i = 0; i < count; i++) {
            int n = minRows + random.nextInt(maxRows - minRows + 1);
            out[i] = new MultiVector(mixture.sample(n, random.nextLong()));
        }
        return out;
    }

    /**
     * Topical multivectors: each point and each query draws all its rows from one topic, a small
     * Gaussian mixture of its own, as the token embeddings of a passage share its subject.
     */
    static MultiVector[] topical(GaussianMixture[] topics, int count, int minRows, int maxRows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MultiVector[] out = new MultiVector[count];
        for (int i = 0; i < count; i++) {
            int n = minRows + random.nextInt(maxRows - minRows + 1);
            out[i] = new MultiVector(topics[random.nextInt(topics.length)].sample(n, random.nextLong()));
        }
        return out;
    }

    static MultiVectorIndex build(Distance distance, MultiVector[] points) {
        MultiVectorIndex index = new MultiVectorIndex(config(distance), KERNELS);
        for (MultiVector p : points) {
            index.add(p);
        }
        return index;
    }

    @ParameterizedTest
    @EnumSource(value = Distance.class, names = {"COSINE", "EUCLID"})
    void graphSearchRecallAgainstExactMaxSimOnTopicalClusteredData(Distance distance) {
        System.out.println("MultiVectorIndexTest seed=" + SEED + " kernels=" + KERNELS.name());
        GaussianMixture[] topics = new GaussianMixture[64];
        for (int t = 0; t < topics.length; t++) {
            topics[t] = new GaussianMixture(DIM, 4, 0.6f, SEED + 100 + t);
        }
        MultiVectorIndex index = build(distance, topical(topics, 2_500, 2, 5, SEED + 1));
        MultiVector[] queries = topical(topics, 100, 3, 8, SEED + 2);
        double recall = recall(index, queries, 10, 32, null);
        System.out.printf("multivector %s recall@10 = %.4f%n", distance, recall);
        assertTrue(recall >= MIN_RECALL, "recall@10 " + recall + " < " + MIN_RECALL);
        IntPredicate thirds = p -> p % 3 == 0;
        double filtered = recall(index, queries, 10, 32, thirds);
        System.out.printf("multivector %s filtered recall@10 = %.4f%n", distance, filtered);
        assertTrue(filtered >= MIN_RECALL, "filtered recall@10 " + filtered + " < " + MIN_RECALL);
    }

    private static double recall(MultiVectorIndex index, MultiVector[] queries, int k, int ef, IntPredicate accept) {
        int found = 0;
        int wanted = 0;
        for (MultiVector q : queries) {
            SearchHits exact = index.exactSearch(q, k, accept);
            SearchHits approx = index.search(q, k, ef, accept);
            Set<Integer> truth = new HashSet<>();
            for (int i = 0; i < exact.count(); i++) {
                truth.add(exact.ordinal(i));
            }
            for (int i = 0; i < approx.count(); i++) {
                assertTrue(accept == null || accept.test(approx.ordinal(i)), "rejected ordinal returned");
                if (truth.contains(approx.ordinal(i))) {
                    found++;
                }
            }
            wanted += exact.count();
        }
        return (double) found / wanted;
    }

    @Test
    void deletedPointsAreNeverReturnedAndSelectiveFiltersScanExactly() {
        GaussianMixture mixture = new GaussianMixture(DIM, 8, 0.6f, SEED);
        MultiVector[] points = sample(mixture, 600, 2, 6, SEED + 3);
        MultiVectorIndex index = build(Distance.DOT, points);
        for (int p = 0; p < points.length; p += 2) {
            index.delete(p);
        }
        index.delete(0);
        assertEquals(300, index.liveCount());
        assertTrue(index.isDeleted(0));
        for (MultiVector q : sample(mixture, 20, 2, 4, SEED + 4)) {
            SearchHits hits = index.search(q, 10, 32, null);
            assertEquals(10, hits.count());
            for (int i = 0; i < hits.count(); i++) {
                assertFalse(index.isDeleted(hits.ordinal(i)));
            }
            IntPredicate few = p -> p == 7 || p == 101 || p == 403;
            SearchHits filtered = index.search(q, 10, 32, few);
            assertEquals(3, filtered.count());
            SearchHits exact = index.exactSearch(q, 10, few);
            assertArrayEquals(java.util.Arrays.copyOf(exact.ordinals(), 3), java.util.Arrays.copyOf(filtered.ordinals(), 3));
        }
    }

    @Test
    void concurrentAddsKeepEveryPointsOwnRows() throws Exception {
        GaussianMixture mixture = new GaussianMixture(DIM, 8, 0.6f, SEED);
        MultiVector[] points = sample(mixture, 400, 1, 8, SEED + 5);
        MultiVectorIndex index = new MultiVectorIndex(config(Distance.DOT), KERNELS);
        int[] ordinals = new int[points.length];
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> futures = List.of(
                    pool.submit(() -> addEvery(index, points, ordinals, 0)),
                    pool.submit(() -> addEvery(index, points, ordinals, 1)));
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < points.length; i++) {
            assertTrue(distinct.add(ordinals[i]));
            MultiVector stored = index.vector(ordinals[i]);
            assertEquals(points[i].rowCount(), stored.rowCount());
            for (int r = 0; r < stored.rowCount(); r++) {
                assertArrayEquals(points[i].rows()[r], stored.rows()[r]);
            }
        }
        assertEquals(points.length, index.liveCount());
        assertEquals(points.length, index.size());
    }

    private static void addEvery(MultiVectorIndex index, MultiVector[] points, int[] ordinals, int start) {
        for (int i = start; i < points.length; i += 2) {
            ordinals[i] = index.add(points[i]);
        }
    }

    @Test
    void searchOfAnEmptyIndexFindsNothing() {
        MultiVectorIndex index = new MultiVectorIndex(config(Distance.COSINE), KERNELS);
        MultiVector q = new MultiVector(new float[][] {new float[DIM]});
        assertEquals(0, index.search(q, 10, 32, null).count());
        index.addAbsent();
        assertEquals(0, index.search(q, 10, 32, null).count());
        assertEquals(0, index.exactSearch(q, 10, null).count());
    }
}
