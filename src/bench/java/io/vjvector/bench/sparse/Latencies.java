package io.vjvector.bench.sparse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Per-query latencies of one pass, in nanoseconds, and the figures the benchmarks print. */
public record Latencies(long[] nanos) {

    public double qps() {
        long total = 0;
        for (long n : nanos) {
            total += n;
        }
        return nanos.length / (total / 1e9);
    }

    /** {@code p}-th percentile (0..100) in milliseconds, nearest rank. */
    public double percentileMillis(double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }

    public static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The 1-, 5- and 15-minute load averages, as {@code /proc/loadavg} gives them ("?" elsewhere). */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
