package io.vjvector.bench.ann;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.FlatIndex;
import io.vjvector.engine.index.GaussianMixture;
import io.vjvector.engine.index.SearchHits;
import io.vjvector.engine.kernels.VectorKernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A data set on disk and in memory: base and query vectors and the exact top-k of each query
 * (by base index). Files are reused when a previous run wrote them with the same parameters.
 */
record BenchData(float[][] base, float[][] queries, int[][] truth, FlatIndex flat, Path baseFile, Path queryFile,
                 Path truthFile) {

    static BenchData prepare(String name, int dims, Distance distance, int clusters, float spread, BenchOptions o,
                             VectorKernels kernels, int k) throws Exception {
        String stem = String.format(Locale.ROOT, "%s-%dx%d-q%d-c%d-s%.2f-seed%d", name, o.n(), dims, o.queries(),
                clusters, spread, o.seed());
        Path dir = AnnBenchmark.dataDir();
        Path baseFile = dir.resolve(stem + ".base.fvecs");
        Path queryFile = dir.resolve(stem + ".query.fvecs");
        Path truthFile = dir.resolve(stem + ".truth" + k + ".ivecs");
        float[][] base;
        float[][] queries;
        if (Files.exists(baseFile) && Files.exists(queryFile)) {
            base = Vecs.readFvecs(baseFile);
            queries = Vecs.readFvecs(queryFile);
            System.out.println("data: reusing " + baseFile);
        } else {
            long start = System.nanoTime();
            GaussianMixture mixture = new GaussianMixture(dims, clusters, spread, o.seed());
            base = mixture.sample(o.n(), o.seed() + 1);
            queries = mixture.sample(o.queries(), o.seed() + 2);
            Vecs.writeFvecs(baseFile, base);
            Vecs.writeFvecs(queryFile, queries);
            System.out.printf(Locale.ROOT, "data: generated (seed %d, %d clusters, spread %.2f) in %.1f s -> %s%n",
                    o.seed(), clusters, spread, (System.nanoTime() - start) / 1e9, baseFile);
        }
        FlatIndex flat = new FlatIndex(dims, distance, kernels);
        for (float[] v : base) {
            flat.add(v);
        }
        int[][] truth;
        if (Files.exists(truthFile)) {
            truth = Vecs.readIvecs(truthFile);
        } else {
            long start = System.nanoTime();
            truth = groundTruth(flat, queries, k);
            Vecs.writeIvecs(truthFile, truth);
            System.out.printf(Locale.ROOT, "ground truth: %d queries in %.1f s (2 threads)%n", queries.length,
                    (System.nanoTime() - start) / 1e9);
        }
        return new BenchData(base, queries, truth, flat, baseFile, queryFile, truthFile);
    }

    private static int[][] groundTruth(FlatIndex flat, float[][] queries, int k) throws Exception {
        int[][] truth = new int[queries.length][];
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int q = first; q < queries.length; q += 2) {
                        SearchHits hits = flat.exactSearch(queries[q], k, null);
                        truth[q] = java.util.Arrays.copyOf(hits.ordinals(), hits.count());
                    }
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return truth;
    }
}
