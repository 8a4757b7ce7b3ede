package io.vjvector.bench.ann;

import java.util.Arrays;
import java.util.List;

/**
 * One single-thread pass of all queries at one ef: how many true top-k neighbours were found,
 * wall and CPU seconds, and each query's latency.
 */
record Pass(int ef, int found, double seconds, double cpuSeconds, double[] latenciesMicros) {

    /** Runs one pass at a given ef. */
    @FunctionalInterface
    interface Runner {
        Pass run(int ef) throws Exception;
    }

    /** Folds repeated passes at one ef into a sweep point: medians of the passes' QPS, pooled latencies. */
    static SweepPoint summarize(List<Pass> passes, int k) {
        int queries = passes.get(0).latenciesMicros().length;
        double[] qps = passes.stream().mapToDouble(p -> queries / p.seconds()).sorted().toArray();
        double[] cpuQps = passes.stream().mapToDouble(p -> queries / p.cpuSeconds()).sorted().toArray();
        double[] latencies = passes.stream().flatMapToDouble(p -> Arrays.stream(p.latenciesMicros())).sorted().toArray();
        return new SweepPoint(passes.get(0).ef(), (double) passes.get(0).found() / ((long) queries * k),
                qps[qps.length / 2], cpuQps[cpuQps.length / 2], latencies[latencies.length / 2],
                latencies[Math.min(latencies.length - 1, (int) (latencies.length * 0.99))]);
    }
}
