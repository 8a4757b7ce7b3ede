package io.vjvector.bench.ann;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.FlatIndex;
import io.vjvector.engine.index.GaussianMixture;
import io.vjvector.engine.index.HnswIndex;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.SearchHits;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.quantization.QuantizationConfig;
import io.vjvector.engine.quantization.QuantizedSearch;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recall / QPS / build-time harness of our HNSW against hnswlib on the same seeded Gaussian-mixture
 * files ({@code ./mvnw -B -Pbench verify -Dbench=ann [-Dbench.args="--n=20000 --datasets=euclid"]}).
 * Writes base, queries (drawn apart from the base) and exact ground truth to
 * {@code target/bench-data} as fvecs/ivecs, builds our index with several threads, sweeps
 * {@code ef} single-threaded, runs hnswlib single-threaded through {@code src/bench/js}, and
 * prints every figure next to hnswlib's with the ratio. With {@code --quantized=scalar,binary} it
 * then sweeps the same {@code ef} values with graph searches over quantized codes (rescored on the
 * floats, {@code --oversampling=1,2,...}) and prints recall, QPS against the float search at
 * equal {@code ef} and the memory of the codes against the floats'.
 */
public final class AnnBenchmark {

    private static final int K = 10;
    private static final double TARGET_RECALL = 0.95;
    /** The second recall the summary reports ratios at: where graph quality, not speed, starts to decide. */
    private static final double HIGH_RECALL = 0.99;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** A benchmark data set: a mixture of {@code clusters} Gaussians and the metric to rank by. */
    private record Spec(String name, int dims, Distance distance, String hnswlibSpace, int clusters, float spread) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("euclid", 128, Distance.EUCLID, "l2", 100, 0.6f),
            new Spec("cosine", 768, Distance.COSINE, "cosine", 100, 0.6f));

    private AnnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        VectorKernels kernels = kernels();
        System.out.printf(Locale.ROOT, "kernels=%s java=%s cores=%d options=%s%n", kernels.name(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), describe(options));
        List<String> summary = new ArrayList<>();
        for (String name : options.datasets()) {
            Spec spec = SPECS.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown data set " + name));
            if (options.dims() > 0) {
                spec = new Spec(spec.name(), options.dims(), spec.distance(), spec.hnswlibSpace(), spec.clusters(),
                        spec.spread());
            }
            summary.add(runDataSet(spec, options, kernels));
        }
        System.out.println();
        System.out.println("=== summary (ratios are ours / hnswlib; QPS single thread at recall@10 >= 0.95, then"
                + " >= 0.99) ===");
        summary.forEach(System.out::println);
    }

    /** The engine's kernels as the service picks them ({@code -Dvjvector.kernels=scalar} to compare). */
    private static VectorKernels kernels() {
        return VectorKernelsProvider.fromSystemProperty();
    }

    private static String describe(BenchOptions o) {
        return String.format(Locale.ROOT, "n=%d queries=%d datasets=%s efs=%s repeats=%d buildThreads=%d m=%d efC=%d "
                        + "seed=%d quantized=%s oversampling=%s",
                o.n(), o.queries(), o.datasets(), Arrays.toString(o.efs()), o.repeats(), o.buildThreads(), o.m(),
                o.efConstruct(), o.seed(), o.quantized(), Arrays.toString(o.oversampling()));
    }

    private static String runDataSet(Spec spec, BenchOptions options, VectorKernels kernels) throws Exception {
        System.out.printf(Locale.ROOT, "%n=== %s: %d x %d, %s, %d queries ===%n", spec.name(), options.n(), spec.dims(),
                spec.distance().qdrantName(), options.queries());
        BenchData data = BenchData.prepare(spec.name(), spec.dims(), spec.distance(), spec.clusters(), spec.spread(),
                options, kernels, K);

        // Our graph, built from several threads; ordinals then follow completion order.
        IndexConfig config = new IndexConfig(spec.dims(), spec.distance(), options.m(), options.efConstruct(), false);
        HnswIndex index = new HnswIndex(config, kernels);
        long start = System.nanoTime();
        AtomicLong buildCpuNanos = new AtomicLong();
        int[] ordinalOf = addInParallel(index, data.base(), options.buildThreads(), buildCpuNanos);
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        double buildCpuSeconds = buildCpuNanos.get() / 1e9;
        int[] baseOf = new int[ordinalOf.length];
        for (int i = 0; i < ordinalOf.length; i++) {
            baseOf[ordinalOf[i]] = i;
        }
        System.out.printf(Locale.ROOT, "ours: built in %.1f s with %d threads (%.1f CPU-s)%n", buildSeconds,
                options.buildThreads(), buildCpuSeconds);

        long raw = (long) options.n() * spec.dims() * Float.BYTES;
        long links = (long) options.n() * (2L * options.m() + 1) * Integer.BYTES;
        long ours = index.ramBytesUsed();
        // hnswlib's level-0 element: link count + 2M links, the vector, an 8-byte label; upper levels aside.
        long hnswlibLevel0 = (long) options.n() * ((2L * options.m() + 1) * 4 + spec.dims() * 4L + 8);
        System.out.printf(Locale.ROOT,
                "memory: ours %.1f B/vector (raw vector %d B); ours / (raw + level-0 links) = %.3f; "
                        + "hnswlib level 0 alone %.1f B/vector%n",
                (double) ours / options.n(), spec.dims() * 4, (double) ours / (raw + links),
                (double) hnswlibLevel0 / options.n());

        double flatQps = flatQps(data, spec, kernels);
        System.out.printf(Locale.ROOT, "exact flat scan: %.1f cpuQPS single thread%n", flatQps);

        HnswlibReference ref = null;
        List<SweepPoint> oursSweep = new ArrayList<>();
        List<SweepPoint> refSweep = new ArrayList<>();
        try {
            if (options.runHnswlib()) {
                ref = HnswlibReference.build(data, spec.hnswlibSpace(), options.m(), options.efConstruct(), K);
                System.out.printf(Locale.ROOT, "hnswlib: built in %.1f s with 1 thread (%.1f CPU-s)%n",
                        ref.buildSeconds(), ref.buildCpuSeconds());
            }
            sweep(ef -> oursPass(index, data, baseOf, ef, null), ref, options, oursSweep, refSweep);
        } finally {
            if (ref != null) {
                ref.close();
            }
        }
        printTable(oursSweep, ref == null ? null : refSweep);

        double oursQps = SweepPoint.qpsAtRecall(oursSweep, TARGET_RECALL);
        double oursCpuQps = SweepPoint.cpuQpsAtRecall(oursSweep, TARGET_RECALL);
        String line = String.format(Locale.ROOT,
                "%s %dx%d: ours QPS@0.95=%.0f cpuQPS@0.95=%.0f build=%.1fs(%d thr, %.1f CPU-s) mem=%.3fx(raw+links)",
                spec.name(), options.n(), spec.dims(), oursQps, oursCpuQps, buildSeconds, options.buildThreads(),
                buildCpuSeconds, (double) ours / (raw + links));
        if (ref != null) {
            double refQps = SweepPoint.qpsAtRecall(refSweep, TARGET_RECALL);
            double refCpuQps = SweepPoint.cpuQpsAtRecall(refSweep, TARGET_RECALL);
            // Build on idle cores would take about our CPU time / threads; hnswlib's wall equals its CPU time.
            line += String.format(Locale.ROOT, " | hnswlib QPS@0.95=%.0f cpuQPS@0.95=%.0f build=%.1fs(1 thr, %.1f CPU-s)"
                            + " | ratios: QPS %.2f, cpuQPS %.2f, build wall %.2f, build CPU/thread %.2f",
                    refQps, refCpuQps, ref.buildSeconds(), ref.buildCpuSeconds(), oursQps / refQps,
                    oursCpuQps / refCpuQps, buildSeconds / ref.buildSeconds(),
                    buildCpuSeconds / options.buildThreads() / ref.buildCpuSeconds());
            line += String.format(Locale.ROOT, " | at recall 0.99: ours QPS=%.0f cpuQPS=%.0f, ratios QPS %.2f,"
                            + " cpuQPS %.2f", SweepPoint.qpsAtRecall(oursSweep, HIGH_RECALL),
                    SweepPoint.cpuQpsAtRecall(oursSweep, HIGH_RECALL),
                    SweepPoint.qpsAtRecall(oursSweep, HIGH_RECALL) / SweepPoint.qpsAtRecall(refSweep, HIGH_RECALL),
                    SweepPoint.cpuQpsAtRecall(oursSweep, HIGH_RECALL)
                            / SweepPoint.cpuQpsAtRecall(refSweep, HIGH_RECALL));
        }
        line += String.format(Locale.ROOT, " | flat %.1f cpuQPS", flatQps);
        System.out.println(line);
        for (String mode : options.quantized()) {
            line += "\n" + quantizedSweeps(spec, options, kernels, data, mode, oursSweep);
        }
        return line;
    }

    /**
     * Builds an index whose searches traverse {@code mode} codes (the graph is built on the floats
     * as before) and sweeps ef for each oversampling factor, against the float sweep at equal ef.
     */
    private static String quantizedSweeps(Spec spec, BenchOptions options, VectorKernels kernels, BenchData data,
                                          String mode, List<SweepPoint> floatSweep) throws Exception {
        QuantizationConfig quantization = switch (mode) {
            case "scalar" -> new QuantizationConfig.Scalar(1f, true);
            case "binary" -> new QuantizationConfig.Binary(true);
            default -> throw new IllegalArgumentException("unknown quantized mode " + mode + " (scalar, binary)");
        };
        HnswIndex index = new HnswIndex(new IndexConfig(spec.dims(), spec.distance(), options.m(),
                options.efConstruct(), false, quantization), kernels);
        int[] ordinalOf = addInParallel(index, data.base(), options.buildThreads(), new AtomicLong());
        int[] baseOf = new int[ordinalOf.length];
        for (int i = 0; i < ordinalOf.length; i++) {
            baseOf[ordinalOf[i]] = i;
        }
        long start = System.nanoTime();
        index.buildQuantization();
        double codesSeconds = (System.nanoTime() - start) / 1e9;
        double memoryRatio = (double) index.quantizedBytesUsed() / index.vectorBytesUsed();
        System.out.printf(Locale.ROOT, "%n%s %s: codes built in %.2f s; code bytes / float bytes = %.3f%n",
                spec.name(), mode, codesSeconds, memoryRatio);
        StringBuilder summary = new StringBuilder();
        for (double oversampling : options.oversampling()) {
            QuantizedSearch params = new QuantizedSearch(false, true, oversampling);
            List<SweepPoint> sweep = new ArrayList<>();
            sweep(ef -> oursPass(index, data, baseOf, ef, params), null, options, sweep, null);
            System.out.printf(Locale.ROOT, "%s, oversampling %.1f, rescored | float search at the same ef%n", mode,
                    oversampling);
            System.out.println("   ef | recall     QPS  cpuQPS   p50us | float: recall     QPS | QPS ratio");
            for (int i = 0; i < sweep.size(); i++) {
                SweepPoint q = sweep.get(i);
                SweepPoint f = floatSweep.get(i);
                System.out.printf(Locale.ROOT, "%5d | %.4f %7.0f %7.0f %7.1f |        %.4f %7.0f |      %.2f%n",
                        q.ef(), q.recall(), q.qps(), q.cpuQps(), q.p50Micros(), f.recall(), f.qps(), q.qps() / f.qps());
            }
            double qps = SweepPoint.qpsAtRecall(sweep, TARGET_RECALL);
            double floatQps = SweepPoint.qpsAtRecall(floatSweep, TARGET_RECALL);
            summary.append(String.format(Locale.ROOT,
                    "%s %dx%d %s oversampling %.1f: QPS@0.95=%.0f (float %.0f, ratio %.2f), codes/floats memory %.3f%n",
                    spec.name(), options.n(), spec.dims(), mode, oversampling, qps, floatQps, qps / floatQps,
                    memoryRatio));
        }
        System.out.print(summary);
        return summary.toString().strip();
    }

    private static int[] addInParallel(HnswIndex index, float[][] vectors, int threads, AtomicLong cpuNanos)
            throws Exception {
        int[] ordinals = new int[vectors.length];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    for (int i = next.getAndIncrement(); i < vectors.length; i = next.getAndIncrement()) {
                        ordinals[i] = index.add(vectors[i]);
                    }
                    cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
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

    /**
     * Single-thread exact scan over a slice of the queries (a full pass would take minutes at
     * 768-d), in queries per CPU second.
     */
    private static double flatQps(BenchData data, Spec spec, VectorKernels kernels) {
        FlatIndex flat = data.flat();
        int count = Math.min(data.queries().length, spec.dims() > 256 ? 50 : 200);
        for (int i = 0; i < Math.min(10, count); i++) {
            flat.exactSearch(data.queries()[i], K, null);
        }
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < count; i++) {
            flat.exactSearch(data.queries()[i], K, null);
        }
        return count / ((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }

    /**
     * Sweeps ef, alternating our passes with hnswlib's pass by pass so that both see the same drift
     * in machine load; each side first gets warm-up passes (JIT, caches).
     */
    private static void sweep(Pass.Runner ours, Pass.Runner ref, BenchOptions options, List<SweepPoint> oursOut,
                              List<SweepPoint> refOut) throws Exception {
        for (int r = 0; r < 2; r++) {
            ours.run(64);
            if (ref != null) {
                ref.run(64);
            }
        }
        for (int ef : options.efs()) {
            List<Pass> oursPasses = new ArrayList<>();
            List<Pass> refPasses = new ArrayList<>();
            for (int r = 0; r < options.repeats(); r++) {
                oursPasses.add(ours.run(ef));
                if (ref != null) {
                    refPasses.add(ref.run(ef));
                }
            }
            oursOut.add(Pass.summarize(oursPasses, K));
            if (ref != null && refOut != null) {
                refOut.add(Pass.summarize(refPasses, K));
            }
        }
    }

    /**
     * One single-thread pass of our index over all queries; recall is checked after the timing.
     *
     * @param quantized null = the float search
     */
    private static Pass oursPass(HnswIndex index, BenchData data, int[] baseOf, int ef, QuantizedSearch quantized) {
        float[][] queries = data.queries();
        SearchHits[] answers = new SearchHits[queries.length];
        double[] latencies = new double[queries.length];
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int qi = 0; qi < queries.length; qi++) {
            long t0 = System.nanoTime();
            answers[qi] = quantized == null ? index.search(queries[qi], K, ef, null)
                    : index.search(queries[qi], K, ef, null, quantized);
            latencies[qi] = (System.nanoTime() - t0) / 1e3;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        int found = 0;
        for (int qi = 0; qi < queries.length; qi++) {
            found += matches(answers[qi], data.truth()[qi], baseOf);
        }
        return new Pass(ef, found, seconds, cpuSeconds, latencies);
    }

    private static int matches(SearchHits hits, int[] truth, int[] baseOf) {
        BitSet want = new BitSet();
        for (int i = 0; i < K; i++) {
            want.set(truth[i]);
        }
        int found = 0;
        for (int i = 0; i < hits.count(); i++) {
            if (want.get(baseOf[hits.ordinal(i)])) {
                found++;
            }
        }
        return found;
    }

    private static void printTable(List<SweepPoint> ours, List<SweepPoint> ref) {
        System.out.println("QPS = queries per wall-clock second, cpuQPS = per CPU second (single thread, medians of"
                + " passes alternating with hnswlib's)");
        System.out.println("   ef | ours: recall     QPS  cpuQPS   p50us   p99us | hnswlib: recall     QPS  cpuQPS"
                + "   p50us   p99us | ratio QPS cpuQPS  p50");
        for (int i = 0; i < ours.size(); i++) {
            SweepPoint o = ours.get(i);
            String row = String.format(Locale.ROOT, "%5d |       %.4f %7.0f %7.0f %7.1f %7.1f ", o.ef(), o.recall(),
                    o.qps(), o.cpuQps(), o.p50Micros(), o.p99Micros());
            if (ref != null && i < ref.size()) {
                SweepPoint h = ref.get(i);
                row += String.format(Locale.ROOT, "|          %.4f %7.0f %7.0f %7.1f %7.1f |       %.2f   %.2f %.2f",
                        h.recall(), h.qps(), h.cpuQps(), h.p50Micros(), h.p99Micros(), o.qps() / h.qps(),
                        o.cpuQps() / h.cpuQps(), h.p50Micros() / o.p50Micros());
            }
            System.out.println(row);
        }
    }

    static Path dataDir() throws java.io.IOException {
        Path dir = Path.of("target", "bench-data");
        Files.createDirectories(dir);
        return dir;
    }
}
