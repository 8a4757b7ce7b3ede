package io.vjvector.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HnswIndexTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.fromSystemProperty();
    private static final long SEED = 20_261_126L;
    private static final int N = 20_000;
    private static final int DIM = 128;
    private static final int QUERIES = 200;
    private static final int K = 10;

    private static float[][] base;
    private static float[][] queries;
    private static HnswIndex hnsw;
    private static FlatIndex flat;

    @BeforeAll
    static void buildClusteredIndex() throws Exception {
        System.out.println("HnswIndexTest seed=" + SEED + " kernels=" + KERNELS.name());
        GaussianMixture mixture = new GaussianMixture(DIM, 64, 0.6f, SEED);
        base = mixture.sample(N, SEED + 1);
        queries = mixture.sample(QUERIES, SEED + 2);
        hnsw = new HnswIndex(new IndexConfig(DIM, Distance.EUCLID, 16, 100, false), KERNELS);
        long start = System.nanoTime();
        int[] ordinals = addInParallel(hnsw, base, 2);
        System.out.printf("built %d x %d with 2 threads in %d ms%n", N, DIM, (System.nanoTime() - start) / 1_000_000);
        // The reference holds the same vectors under the same ordinals (two threads assigned them).
        float[][] byOrdinal = new float[N][];
        for (int i = 0; i < N; i++) {
            byOrdinal[ordinals[i]] = base[i];
        }
        flat = new FlatIndex(DIM, Distance.EUCLID, KERNELS);
        for (float[] v : byOrdinal) {
            flat.add(v);
        }
    }

    /** Adds vectors from {@code threads} threads; ordinals are assigned in completion order. */
    private static int[] addInParallel(VectorIndex index, float[][] vectors, int threads) throws Exception {
        int[] ordinals = new int[vectors.length];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < vectors.length; i = next.getAndIncrement()) {
                        ordinals[i] = index.add(vectors[i]);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return ordinals;
    }

    private static double recall(VectorIndex approximate, VectorIndex exact, float[][] qs, int ef, IntPredicate accept) {
        int found = 0;
        int expected = 0;
        for (float[] q : qs) {
            SearchHits truth = exact.exactSearch(q, K, accept);
            SearchHits got = approximate.search(q, K, ef, accept);
            BitSet want = new BitSet();
            for (int i = 0; i < truth.count(); i++) {
                want.set(truth.ordinal(i));
            }
            for (int i = 0; i < got.count(); i++) {
                if (want.get(got.ordinal(i))) {
                    found++;
                }
            }
            expected += truth.count();
        }
        return (double) found / expected;
    }

    /** A seeded allow-set keeping about {@code fraction} of the ordinals. */
    private static BitSet randomSubset(int n, double fraction, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BitSet set = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < fraction) {
                set.set(i);
            }
        }
        return set;
    }

    @Test
    void recallAtTenIsAtLeast95PercentOnClusteredData() {
        double recall = recall(hnsw, flat, queries, 64, null);
        System.out.printf("unfiltered recall@10 (ef=64) = %.4f%n", recall);
        assertTrue(recall >= 0.95, "recall " + recall);
    }

    @Test
    void filteredRecallIsAtLeast95PercentWhenTenPercentPass() {
        BitSet allowed = randomSubset(N, 0.10, SEED + 3);
        double recall = recall(hnsw, flat, queries, 64, allowed::get);
        System.out.printf("10%% filter recall@10 (ef=64) = %.4f%n", recall);
        assertTrue(recall >= 0.95, "recall " + recall);
        for (float[] q : queries) {
            SearchHits got = hnsw.search(q, K, 64, allowed::get);
            assertEquals(K, got.count());
            for (int i = 0; i < got.count(); i++) {
                assertTrue(allowed.get(got.ordinal(i)));
            }
        }
    }

    @Test
    void verySelectiveFilterIsExactOverTheAllowListAndGraphPathReturnsOnlyAcceptedPoints() {
        BitSet allowed = randomSubset(N, 0.005, SEED + 4);
        int[] allowList = allowed.stream().toArray();
        double graphRecall = recall(hnsw, flat, queries, 64, allowed::get);
        // The graph path is not expected to be good at 0.5%; it must stay correct and not collapse.
        System.out.printf("0.5%% filter (%d points) graph recall@10 (ef=64) = %.4f%n", allowList.length, graphRecall);
        assertTrue(graphRecall >= 0.5, "graph recall " + graphRecall);
        for (float[] q : queries) {
            SearchHits exact = hnsw.exactSearch(q, K, allowList, allowList.length);
            SearchHits reference = flat.exactSearch(q, K, allowed::get);
            assertEquals(reference.count(), exact.count());
            for (int i = 0; i < exact.count(); i++) {
                assertEquals(reference.ordinal(i), exact.ordinal(i));
                assertEquals(reference.similarity(i), exact.similarity(i), 1e-3f);
            }
            SearchHits graph = hnsw.search(q, K, 64, allowed::get);
            for (int i = 0; i < graph.count(); i++) {
                assertTrue(allowed.get(graph.ordinal(i)), "returned a rejected ordinal");
            }
        }
    }

    @Test
    void indexMemoryIsWithin130PercentOfRawVectorsPlusLinks() {
        long raw = (long) N * DIM * Float.BYTES;
        long links = (long) N * (2 * 16 + 1) * Integer.BYTES;
        double ratio = (double) hnsw.ramBytesUsed() / (raw + links);
        System.out.printf("ramBytesUsed=%d raw+links=%d ratio=%.3f%n", hnsw.ramBytesUsed(), raw + links, ratio);
        assertTrue(ratio <= 1.3 && ratio >= 1.0, "ratio " + ratio);
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void everyDistanceReachesHighRecall(Distance distance) {
        long seed = SEED + 10 + distance.ordinal();
        System.out.println("distance " + distance + " seed=" + seed);
        GaussianMixture mixture = new GaussianMixture(32, 16, 0.5f, seed);
        float[][] vectors = mixture.sample(3000, seed + 1);
        float[][] qs = mixture.sample(100, seed + 2);
        HnswIndex index = new HnswIndex(new IndexConfig(32, distance, 16, 100, false), KERNELS);
        for (float[] v : vectors) {
            index.add(v);
        }
        double recall = recall(index, index, qs, 100, null);
        System.out.printf("%s recall@10 (ef=100) = %.4f%n", distance, recall);
        // Dot is not a metric (a vector need not be its own nearest neighbour), so graphs built on
        // it navigate worse; the others are held to the same bar as Euclid.
        assertTrue(recall >= (distance == Distance.DOT ? 0.85 : 0.95), distance + " recall " + recall);
    }

    @Test
    void deletedOrdinalsAreNeverReturned() {
        GaussianMixture mixture = new GaussianMixture(16, 8, 0.5f, SEED + 20);
        float[][] vectors = mixture.sample(3000, SEED + 21);
        HnswIndex index = new HnswIndex(new IndexConfig(16, Distance.EUCLID, 8, 64, false), KERNELS);
        for (float[] v : vectors) {
            index.add(v);
        }
        BitSet deleted = randomSubset(3000, 0.3, SEED + 22);
        deleted.stream().forEach(index::delete);
        assertEquals(3000 - deleted.cardinality(), index.liveCount());
        for (int i = 0; i < 300; i++) {
            // Query with deleted vectors themselves: the nearest stored vector is a tombstone.
            float[] q = vectors[deleted.nextSetBit(i * 7 % 2900)];
            SearchHits hits = index.search(q, K, 32, null);
            assertEquals(K, hits.count());
            SearchHits filtered = index.search(q, K, 32, ord -> ord % 2 == 0);
            for (int h = 0; h < hits.count(); h++) {
                assertFalse(deleted.get(hits.ordinal(h)), "deleted ordinal returned");
            }
            for (int h = 0; h < filtered.count(); h++) {
                assertFalse(deleted.get(filtered.ordinal(h)), "deleted ordinal returned with filter");
                assertEquals(0, filtered.ordinal(h) % 2);
            }
        }
        double recall = recall(index, index, mixture.sample(100, SEED + 23), 64, null);
        assertTrue(recall >= 0.95, "recall among live points " + recall);
    }

    @Test
    void upsertByAddingNewAndDeletingOldReturnsOnlyTheNewVersion() {
        GaussianMixture mixture = new GaussianMixture(24, 8, 0.5f, SEED + 30);
        float[][] vectors = mixture.sample(2000, SEED + 31);
        HnswIndex index = new HnswIndex(new IndexConfig(24, Distance.COSINE, 16, 100, false), KERNELS);
        int[] current = new int[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            current[i] = index.add(vectors[i]);
        }
        float[][] replacements = mixture.sample(500, SEED + 32);
        for (int i = 0; i < replacements.length; i++) {
            int old = current[i];
            current[i] = index.add(replacements[i]);
            index.delete(old);
        }
        assertEquals(2500, index.size());
        assertEquals(2000, index.liveCount());
        int firstHits = 0;
        for (int i = 0; i < replacements.length; i++) {
            SearchHits hits = index.search(replacements[i], K, 64, null);
            assertTrue(hits.count() > 0);
            if (hits.ordinal(0) == current[i]) {
                firstHits++;
            }
            for (int h = 0; h < hits.count(); h++) {
                assertTrue(hits.ordinal(h) >= 500, "superseded ordinal " + hits.ordinal(h) + " returned");
            }
        }
        assertTrue(firstHits >= 495, "new version found first for " + firstHits + " of 500");
    }

    @Test
    void concurrentAddsAndSearchesStayValid() throws Exception {
        GaussianMixture mixture = new GaussianMixture(32, 16, 0.5f, SEED + 40);
        float[][] vectors = mixture.sample(8000, SEED + 41);
        float[][] qs = mixture.sample(50, SEED + 42);
        HnswIndex index = new HnswIndex(new IndexConfig(32, Distance.EUCLID, 16, 64, false), KERNELS);
        for (int i = 0; i < 500; i++) {
            index.add(vectors[i]);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger next = new AtomicInteger(500);
        AtomicInteger searches = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < vectors.length; i = next.getAndIncrement()) {
                        int ord = index.add(vectors[i]);
                        if (i % 10 == 0) {
                            index.delete(ord);
                        }
                    }
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                final int reader = t;
                readers.add(pool.submit(() -> {
                    int q = reader;
                    while (writing.get()) {
                        int sizeBefore = index.size();
                        SearchHits hits = index.search(qs[q++ % qs.length], K, 32, reader == 0 ? null : o -> o % 3 != 0);
                        assertValid(index, hits, sizeBefore, reader == 0 ? null : o -> o % 3 != 0);
                        searches.incrementAndGet();
                    }
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
            writing.set(false);
            for (Future<?> r : readers) {
                r.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("searches during concurrent adds: " + searches.get());
        assertEquals(vectors.length, index.size());
        assertTrue(searches.get() > 0);
        double recall = recall(index, index, qs, 64, null);
        assertTrue(recall >= 0.95, "recall after concurrent build " + recall);
    }

    private static void assertValid(HnswIndex index, SearchHits hits, int sizeBefore, IntPredicate accept) {
        assertTrue(hits.count() <= K);
        if (sizeBefore >= 500) {
            assertTrue(hits.count() > 0, "no hits");
        }
        for (int h = 0; h < hits.count(); h++) {
            int ord = hits.ordinal(h);
            assertTrue(ord >= 0 && ord < index.size(), "ordinal out of range " + ord);
            assertTrue(accept == null || accept.test(ord), "rejected ordinal returned");
            if (h > 0) {
                assertTrue(hits.similarity(h) <= hits.similarity(h - 1), "hits not sorted");
            }
        }
    }

    @Test
    void emptyIndexReturnsNoHitsAndFactoryHonoursExactOnly() {
        IndexConfig graph = new IndexConfig(8, Distance.DOT, 16, 100, false);
        assertTrue(VectorIndexes.create(graph, KERNELS) instanceof HnswIndex);
        assertTrue(VectorIndexes.create(new IndexConfig(8, Distance.DOT, 16, 100, true), KERNELS) instanceof FlatIndex);
        VectorIndex empty = VectorIndexes.create(graph, KERNELS);
        assertEquals(0, empty.search(new float[8], 5, 10, null).count());
        empty.add(new float[8]);
        assertEquals(1, empty.search(new float[8], 5, 10, null).count());
    }
}
