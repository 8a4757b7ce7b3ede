package io.vjvector.bench.ann;

import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of {@link AnnBenchmark}, e.g.
 * {@code --n=20000 --queries=200 --datasets=euclid --efs=16,32,64 --skip-hnswlib}.
 *
 * @param dims         0 keeps each data set's own dimension (128 for euclid, 768 for cosine)
 * @param quantized    quantized modes to sweep after the float one: {@code scalar}, {@code binary}
 *                     ({@code --quantized=scalar,binary}); empty = none
 * @param oversampling {@code params.quantization.oversampling} of the quantized sweeps
 */
record BenchOptions(int n, int queries, int dims, List<String> datasets, int[] efs, int repeats, int buildThreads,
                    int m, int efConstruct, boolean runHnswlib, long seed, List<String> quantized,
                    double[] oversampling) {

    static BenchOptions parse(String[] args) {
        int n = 100_000;
        int queries = 1_000;
        int dims = 0;
        List<String> datasets = List.of("euclid", "cosine");
        int[] efs = {10, 16, 24, 32, 48, 64, 96, 128, 192, 256};
        int repeats = 3;
        int threads = 2;
        int m = 16;
        int efConstruct = 100;
        boolean hnswlib = true;
        long seed = 42;
        List<String> quantized = List.of();
        double[] oversampling = {1.0};
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            String v = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "n" -> n = Integer.parseInt(v);
                case "queries" -> queries = Integer.parseInt(v);
                case "dims" -> dims = Integer.parseInt(v);
                case "datasets" -> datasets = List.of(v.split(","));
                case "efs" -> efs = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                case "repeats" -> repeats = Integer.parseInt(v);
                case "threads" -> threads = Integer.parseInt(v);
                case "m" -> m = Integer.parseInt(v);
                case "ef-construct" -> efConstruct = Integer.parseInt(v);
                case "skip-hnswlib" -> hnswlib = false;
                case "seed" -> seed = Long.parseLong(v);
                case "quantized" -> quantized = List.of(v.split(","));
                case "oversampling" -> oversampling = Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble)
                        .toArray();
                case "" -> { }
                default -> throw new IllegalArgumentException("unknown option " + arg
                        + " (n, queries, dims, datasets, efs, repeats, threads, m, ef-construct, skip-hnswlib, seed, "
                        + "quantized, oversampling)");
            }
        }
        return new BenchOptions(n, queries, dims, datasets, efs, repeats, threads, m, efConstruct, hnswlib, seed,
                quantized, oversampling);
    }
}
