package io.vjvector.engine.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.quantization.QuantizationConfig;
import io.vjvector.engine.quantization.QuantizedSearch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recall@10 of graph searches over quantized codes against the exact search of the same vectors,
 * on the kernels the run selects (the scalar surefire pass runs it on the scalar int8 kernel).
 * Thresholds are stated per case; the measured values are printed.
 */
class QuantizedHnswTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.fromSystemProperty();
    private static final long SEED = Long.getLong("vjvector.test.seed", 20_261_127L);
    private static final int K = 10;
    private static final int EF = 64;
    /** Qdrant's default quantile (the whole range). */
    private static final QuantizationConfig SCALAR = new QuantizationConfig.Scalar(1f, false);
    /** Cuts 1 % of the values: the clamped ones cost recall that oversampling wins back. */
    private static final QuantizationConfig SCALAR_99 = new QuantizationConfig.Scalar(0.99f, false);
    private static final QuantizationConfig BINARY = new QuantizationConfig.Binary(false);

    private static float[][] clustered768;
    private static float[][] queries768;

    @BeforeAll
    static void data() {
        System.out.println("QuantizedHnswTest seed=" + SEED + " (-Dvjvector.test.seed) kernels=" + KERNELS.name());
        GaussianMixture mixture = new GaussianMixture(768, 32, 0.5f, SEED);
        clustered768 = mixture.sample(3_000, SEED + 1);
        queries768 = mixture.sample(100, SEED + 2);
    }

    private static HnswIndex build(float[][] vectors, Distance distance, QuantizationConfig quantization) {
        HnswIndex index = new HnswIndex(new IndexConfig(vectors[0].length, distance, 16, 100, false, quantization),
                KERNELS);
        for (float[] v : vectors) {
            index.add(v);
        }
        return index;
    }

    private static double recall(VectorIndex index, float[][] queries, QuantizedSearch params) {
        int found = 0;
        int expected = 0;
        for (float[] q : queries) {
            SearchHits truth = index.exactSearch(q, K, null);
            SearchHits got = index.search(q, K, EF, null, params);
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

    private static float[][] uniform(int count, int dimension, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] out = new float[count][dimension];
        for (float[] v : out) {
            for (int i = 0; i < dimension; i++) {
                v[i] = (float) random.nextDouble(-1, 1);
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void scalarRecallOnClustered128dIsAtLeast95Percent(Distance distance) {
        GaussianMixture mixture = new GaussianMixture(128, 32, 0.6f, SEED + 10 + distance.ordinal());
        HnswIndex index = build(mixture.sample(5_000, SEED + 20), distance, SCALAR);
        double recall = recall(index, mixture.sample(100, SEED + 30), QuantizedSearch.DEFAULT);
        System.out.printf("scalar %s clustered 128-d recall@10 (ef=%d, rescore, oversampling 1) = %.4f%n",
                distance, EF, recall);
        // Dot ranks by an unbounded product, which a graph navigates less well even on floats.
        assertTrue(recall >= (distance == Distance.DOT ? 0.85 : 0.95), distance + " recall " + recall);
    }

    /**
     * Uniform random vectors are the hard case for the graph itself (at 128 dimensions the ten
     * nearest are barely nearer than the rest; ef = 64 finds about three quarters of them on
     * floats). The codes must lose nothing measurable on top: within 0.01 of the float graph.
     */
    @Test
    void scalarOnUniform128dLosesNoRecallAgainstTheFloatGraph() {
        HnswIndex index = build(uniform(5_000, 128, SEED + 40), Distance.COSINE, SCALAR);
        float[][] queries = uniform(100, 128, SEED + 41);
        double floats = recall(index, queries, new QuantizedSearch(true, true, 1.0));
        double once = recall(index, queries, QuantizedSearch.DEFAULT);
        double thrice = recall(index, queries, new QuantizedSearch(false, true, 3.0));
        System.out.printf("scalar cosine uniform 128-d recall@10: floats %.4f, oversampling 1 %.4f, 3 %.4f%n",
                floats, once, thrice);
        assertTrue(once >= floats - 0.01, "recall " + once + " against the float graph's " + floats);
        assertTrue(thrice >= floats - 0.01, "recall with oversampling 3 " + thrice);
    }

    @Test
    void scalarRecallOnClustered768dIsAtLeast95Percent() {
        HnswIndex index = build(clustered768, Distance.COSINE, SCALAR);
        double rescored = recall(index, queries768, QuantizedSearch.DEFAULT);
        double codesOnly = recall(index, queries768, new QuantizedSearch(false, false, 1.0));
        System.out.printf("scalar cosine clustered 768-d recall@10 (quantile 1): rescored %.4f, codes only %.4f%n",
                rescored, codesOnly);
        // Oversampling 1 rescores the same ten the codes chose: the order changes, the set does not.
        assertTrue(rescored >= 0.95, "rescored recall " + rescored);
        assertTrue(codesOnly >= 0.95, "codes-only recall " + codesOnly);
    }

    @Test
    void scalarWithQuantile99NeedsOversamplingTwoFor95PercentOn768d() {
        HnswIndex index = build(clustered768, Distance.COSINE, SCALAR_99);
        double once = recall(index, queries768, QuantizedSearch.DEFAULT);
        double twice = recall(index, queries768, new QuantizedSearch(false, true, 2.0));
        System.out.printf("scalar cosine clustered 768-d recall@10 (quantile 0.99): oversampling 1 %.4f, 2 %.4f%n",
                once, twice);
        assertTrue(twice >= 0.95, "recall with oversampling 2 " + twice);
    }

    @Test
    void binaryWithOversamplingAndRescoringOn768dReachesStatedRecall() {
        HnswIndex index = build(clustered768, Distance.COSINE, BINARY);
        double plain = recall(index, queries768, QuantizedSearch.DEFAULT);
        double x4 = recall(index, queries768, new QuantizedSearch(false, true, 4.0));
        double x10 = recall(index, queries768, new QuantizedSearch(false, true, 10.0));
        System.out.printf("binary cosine clustered 768-d recall@10: oversampling 1 %.4f, 4 %.4f, 10 %.4f%n",
                plain, x4, x10);
        assertTrue(x4 >= 0.60, "recall with oversampling 4 " + x4);
        assertTrue(x10 >= 0.85, "recall with oversampling 10 " + x10);
        assertTrue(x10 >= x4 && x4 >= plain, "more oversampling never lowers recall here");
    }

    @Test
    void ignoringQuantizationSearchesTheFloatsExactlyAsWithout() {
        float[][] vectors = uniform(2_000, 64, SEED + 50);
        HnswIndex quantized = build(vectors, Distance.EUCLID, SCALAR);
        HnswIndex plain = build(vectors, Distance.EUCLID, null);
        for (float[] q : uniform(20, 64, SEED + 51)) {
            SearchHits a = quantized.search(q, K, EF, null, new QuantizedSearch(true, true, 1.0));
            SearchHits b = plain.search(q, K, EF, null);
            assertArrayEquals(java.util.Arrays.copyOf(b.ordinals(), b.count()),
                    java.util.Arrays.copyOf(a.ordinals(), a.count()));
        }
        assertEquals(0, quantized.quantizedBytesUsed(), "codes are built by the first quantized search only");
    }

    @Test
    void rescoredHitsCarryFullPrecisionSimilarities() {
        HnswIndex index = build(clustered768, Distance.COSINE, SCALAR);
        float[] q = queries768[0];
        SearchHits hits = index.search(q, K, EF, null, QuantizedSearch.DEFAULT);
        float[] prepared = Distance.normalized(KERNELS, q);
        for (int i = 0; i < hits.count(); i++) {
            assertEquals(index.similarityTo(prepared, hits.ordinal(i)), hits.similarity(i), 1e-6f);
        }
    }

    @Test
    void codesMappedFromAFileAnswerAsCodesInMemory(@TempDir Path dir) throws IOException {
        float[][] vectors = java.util.Arrays.copyOf(clustered768, 1_000);
        VectorStorage storage = VectorStorage.files(dir);
        for (QuantizationConfig quantization : new QuantizationConfig[] {SCALAR, BINARY}) {
            HnswIndex inMemory = build(vectors, Distance.COSINE, quantization);
            HnswIndex onDisk = new HnswIndex(new IndexConfig(768, Distance.COSINE, 16, 100, false, quantization, true),
                    Datatype.FLOAT32, KERNELS, storage);
            for (float[] v : vectors) {
                onDisk.add(v);
            }
            onDisk.buildQuantization();
            assertEquals(0, onDisk.offHeapBytesUsed(), "vectors and codes are mapped");
            assertTrue(onDisk.mappedBytesUsed() > onDisk.vectorBytesUsed(), "codes are mapped too");
            for (float[] q : java.util.Arrays.copyOf(queries768, 20)) {
                for (QuantizedSearch params : new QuantizedSearch[] {QuantizedSearch.DEFAULT,
                        new QuantizedSearch(false, false, 1.0)}) {
                    SearchHits a = inMemory.search(q, K, EF, null, params);
                    SearchHits b = onDisk.search(q, K, EF, null, params);
                    assertArrayEquals(java.util.Arrays.copyOf(a.ordinals(), a.count()),
                            java.util.Arrays.copyOf(b.ordinals(), b.count()), quantization + " " + params);
                }
            }
        }
        // always_ram keeps the codes in direct buffers beside mapped vectors.
        HnswIndex ram = new HnswIndex(new IndexConfig(768, Distance.COSINE, 16, 100, false,
                new QuantizationConfig.Scalar(1f, true), true), Datatype.FLOAT32, KERNELS, storage);
        for (float[] v : vectors) {
            ram.add(v);
        }
        ram.buildQuantization();
        assertEquals(ram.quantizedBytesUsed(), ram.offHeapBytesUsed());
        assertEquals(ram.vectorBytesUsed(), ram.mappedBytesUsed());
    }

    @Test
    void codesTakeAQuarterOfTheFloatsForScalarAndAThirtySecondForBinary() {
        HnswIndex scalar = build(clustered768, Distance.COSINE, SCALAR);
        HnswIndex binary = build(clustered768, Distance.COSINE, BINARY);
        scalar.buildQuantization();
        binary.buildQuantization();
        double scalarRatio = (double) scalar.quantizedBytesUsed() / scalar.vectorBytesUsed();
        double binaryRatio = (double) binary.quantizedBytesUsed() / binary.vectorBytesUsed();
        System.out.printf("code bytes / float bytes: scalar %.3f, binary %.3f%n", scalarRatio, binaryRatio);
        assertTrue(scalarRatio > 0.24 && scalarRatio < 0.27, "scalar ratio " + scalarRatio);
        // 768 bits are 12 longs; the floats are 768 x 4 bytes: 96 / 3072 (plus page headers).
        assertTrue(binaryRatio > 0.03 && binaryRatio < 0.045, "binary ratio " + binaryRatio);
    }

    @Test
    void vectorsAddedAfterTheCodesAreBuiltAreFoundAndDeletedOnesAreNot() {
        float[][] vectors = uniform(1_200, 32, SEED + 60);
        HnswIndex index = new HnswIndex(new IndexConfig(32, Distance.EUCLID, 16, 100, false, SCALAR), KERNELS);
        for (int i = 0; i < 200; i++) {
            index.add(vectors[i]);
        }
        index.buildQuantization();
        // Past four times the vectors trained on, the next search trains new codes.
        for (int i = 200; i < vectors.length; i++) {
            index.add(vectors[i]);
        }
        for (int i = 0; i < vectors.length; i += 97) {
            SearchHits hits = index.search(vectors[i], 1, EF, null, QuantizedSearch.DEFAULT);
            assertEquals(i, hits.ordinal(0), "vector " + i + " finds itself");
        }
        index.delete(5);
        SearchHits hits = index.search(vectors[5], K, EF, null, new QuantizedSearch(false, false, 2.0));
        for (int i = 0; i < hits.count(); i++) {
            assertFalse(hits.ordinal(i) == 5, "a deleted vector is never returned");
        }
    }

    @Test
    void aFlatIndexIgnoresQuantization() {
        FlatIndex flat = new FlatIndex(16, Distance.DOT, KERNELS);
        float[][] vectors = uniform(100, 16, SEED + 70);
        for (float[] v : vectors) {
            flat.add(v);
        }
        SearchHits a = flat.search(vectors[3], K, EF, null, QuantizedSearch.DEFAULT);
        SearchHits b = flat.exactSearch(vectors[3], K, null);
        assertArrayEquals(b.ordinals(), a.ordinals());
    }
}
