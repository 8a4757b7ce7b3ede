package io.vjvector.bench.kernels;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds a secondary result {@value #LABEL}: CPU time of the benchmark's worker threads per
 * operation. On a machine shared with other builds, wall time includes the time our thread spent
 * waiting for a core; CPU time does not, so ratios of CPU times stay comparable between forks
 * that ran under different load.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    static final String LABEL = "cpu";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> before = Map.of();

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = workerCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long cpu = 0;
        for (Map.Entry<Long, Long> worker : workerCpuNanos().entrySet()) {
            cpu += worker.getValue() - before.getOrDefault(worker.getKey(), 0L);
        }
        // All operations, not just the measured ones: the CPU time also covers the iteration's edges.
        long ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(new ScalarResult(LABEL, (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
    }

    /** CPU nanoseconds by thread id of JMH's worker threads (the ones running the benchmark method). */
    private Map<Long, Long> workerCpuNanos() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long nanos = threads.getThreadCpuTime(id);
            if (info != null && nanos >= 0 && info.getThreadName().contains("-jmh-worker-")) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }
}
