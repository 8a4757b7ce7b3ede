package io.vjvector.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.kernels.ScalarKernels;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FlatIndexTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.fromSystemProperty();
    private static final VectorKernels REFERENCE = new ReferenceKernels();

    @ParameterizedTest
    @EnumSource(Distance.class)
    void exactSearchMatchesNaiveReference(Distance distance) {
        long seed = 42 + distance.ordinal();
        System.out.println("FlatIndexTest seed=" + seed + " distance=" + distance);
        Random random = new Random(seed);
        for (int dim : new int[] {1, 13, 100, 207}) {
            FlatIndex index = new FlatIndex(dim, distance, KERNELS);
            List<float[]> stored = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                float[] v = randomVector(random, dim);
                assertEquals(i, index.add(v));
                stored.add(distance.normalizes() ? Distance.normalized(REFERENCE, v) : v.clone());
            }
            for (int i = 0; i < 1500; i += 7) {
                index.delete(i);
            }
            IntPredicate accept = ord -> ord % 3 != 1;
            int[] candidates = new int[400];
            for (int i = 0; i < candidates.length; i++) {
                candidates[i] = i * 3;
            }
            for (int q = 0; q < 20; q++) {
                float[] query = randomVector(random, dim);
                float[] prepared = distance.normalizes() ? Distance.normalized(REFERENCE, query) : query;
                assertSameHits(naive(distance, stored, prepared, 10, ord -> ord % 7 != 0),
                        index.search(query, 10, 0, null));
                assertSameHits(naive(distance, stored, prepared, 10, ord -> ord % 7 != 0 && accept.test(ord)),
                        index.exactSearch(query, 10, accept));
                assertSameHits(naive(distance, stored, prepared, 25,
                                ord -> ord % 7 != 0 && ord % 3 == 0 && ord < 1200),
                        index.exactSearch(query, 25, candidates, candidates.length));
            }
        }
    }

    @Test
    void storesNormalisedVectorsForCosineAndCopiesOtherwise() {
        FlatIndex cosine = new FlatIndex(2, Distance.COSINE, KERNELS);
        cosine.add(new float[] {3, 4});
        float[] stored = cosine.vector(0);
        assertEquals(0.6f, stored[0], 1e-6);
        assertEquals(0.8f, stored[1], 1e-6);

        FlatIndex dot = new FlatIndex(2, Distance.DOT, KERNELS);
        float[] v = {3, 4};
        dot.add(v);
        v[0] = 100;
        assertEquals(3f, dot.vector(0)[0]);
    }

    @Test
    void countsLiveAndDeletedOrdinals() {
        FlatIndex index = new FlatIndex(3, Distance.EUCLID, KERNELS);
        for (int i = 0; i < 100; i++) {
            index.add(new float[] {i, 0, 0});
        }
        index.delete(5);
        index.delete(5);
        index.delete(99);
        assertEquals(100, index.size());
        assertEquals(98, index.liveCount());
        assertTrue(index.isDeleted(5));
        assertFalse(index.isDeleted(6));
        SearchHits hits = index.search(new float[] {5, 0, 0}, 3, 0, null);
        assertEquals(3, hits.count());
        assertTrue(hits.ordinal(0) == 4 || hits.ordinal(0) == 6);
    }

    @Test
    void rejectsWrongDimensionAndUnknownOrdinal() {
        FlatIndex index = new FlatIndex(3, Distance.DOT, KERNELS);
        assertThrows(IllegalArgumentException.class, () -> index.add(new float[2]));
        assertThrows(IndexOutOfBoundsException.class, () -> index.delete(0));
        assertEquals(0, index.search(new float[3], 5, 10, null).count());
    }

    @Test
    void growsAcrossManyPagesWithoutLosingVectors() {
        int dim = 4096; // 256 vectors per 4 MiB page
        FlatIndex index = new FlatIndex(dim, Distance.DOT, KERNELS);
        for (int i = 0; i < 700; i++) {
            float[] v = new float[dim];
            v[i % dim] = i + 1;
            index.add(v);
        }
        for (int i = 0; i < 700; i += 50) {
            assertEquals(i + 1, index.vector(i)[i % dim]);
        }
        long raw = 700L * dim * Float.BYTES;
        assertTrue(index.ramBytesUsed() >= raw && index.ramBytesUsed() < raw * 1.5, "ram " + index.ramBytesUsed());
    }

    private static float[] randomVector(Random random, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return v;
    }

    /** Scores every eligible vector in double precision and sorts: obviously right, slow. */
    static List<double[]> naive(Distance distance, List<float[]> stored, float[] query, int k, IntPredicate eligible) {
        List<double[]> all = new ArrayList<>();
        for (int ord = 0; ord < stored.size(); ord++) {
            if (eligible.test(ord)) {
                all.add(new double[] {distance.similarity(REFERENCE, query, 0, stored.get(ord), 0, query.length), ord});
            }
        }
        all.sort(Comparator.comparingDouble((double[] e) -> -e[0]));
        return all.subList(0, Math.min(k, all.size()));
    }

    /** Same ordinals in the same order, except that near-ties (float rounding) may swap. */
    static void assertSameHits(List<double[]> expected, SearchHits actual) {
        assertEquals(expected.size(), actual.count());
        for (int i = 0; i < expected.size(); i++) {
            double want = expected.get(i)[0];
            double tolerance = 1e-4 * Math.max(1, Math.abs(want));
            assertEquals(want, actual.similarity(i), tolerance, "similarity at rank " + i);
            if ((int) expected.get(i)[1] != actual.ordinal(i)) {
                int ord = actual.ordinal(i);
                boolean tie = expected.stream().anyMatch(e -> (int) e[1] == ord && Math.abs(e[0] - want) <= tolerance);
                assertTrue(tie, "rank " + i + ": expected ordinal " + (int) expected.get(i)[1] + ", got " + ord);
            }
        }
    }

    /** Double-precision kernels: the reference the index's float kernels are checked against. */
    private static final class ReferenceKernels implements VectorKernels {
        private final VectorKernels scalar = ScalarKernels.INSTANCE;

        @Override
        public String name() {
            return "reference";
        }

        @Override
        public float dot(float[] a, int ao, float[] b, int bo, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += (double) a[ao + i] * b[bo + i];
            }
            return (float) s;
        }

        @Override
        public float squareDistance(float[] a, int ao, float[] b, int bo, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double d = (double) a[ao + i] - b[bo + i];
                s += d * d;
            }
            return (float) s;
        }

        @Override
        public float cosine(float[] a, int ao, float[] b, int bo, int n) {
            return scalar.cosine(a, ao, b, bo, n);
        }

        @Override
        public float l1Distance(float[] a, int ao, float[] b, int bo, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.abs((double) a[ao + i] - b[bo + i]);
            }
            return (float) s;
        }

        @Override
        public int int8Dot(byte[] a, int ao, byte[] b, int bo, int n) {
            return scalar.int8Dot(a, ao, b, bo, n);
        }
    }
}
