package io.vjvector.bench.ann;

import java.util.List;

/**
 * One ef of a sweep: recall@k, single-thread queries per wall-clock second and per CPU second
 * (medians of runs; on a shared machine CPU time is what preemption does not inflate), latency
 * percentiles.
 */
record SweepPoint(int ef, double recall, double qps, double cpuQps, double p50Micros, double p99Micros) {

    /** The highest QPS among points with recall at least {@code minRecall}, or NaN if none reaches it. */
    static double qpsAtRecall(List<SweepPoint> sweep, double minRecall) {
        return sweep.stream().filter(p -> p.recall() >= minRecall).mapToDouble(SweepPoint::qps).max().orElse(Double.NaN);
    }

    /** Like {@link #qpsAtRecall} for {@link #cpuQps()}. */
    static double cpuQpsAtRecall(List<SweepPoint> sweep, double minRecall) {
        return sweep.stream().filter(p -> p.recall() >= minRecall).mapToDouble(SweepPoint::cpuQps).max()
                .orElse(Double.NaN);
    }
}
