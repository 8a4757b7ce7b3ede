package io.vjvector.bench.kernels;

import io.vjvector.engine.kernels.KernelMode;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link KernelBenchmark} with short settings and prints, per kernel and dimension, the median
 * time per distance of both implementations and their ratio (scalar time / Vector API time, so
 * higher is better for the Vector API). Medians, because the machines we run on are shared.
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dbench=kernels [-Dbench.args="KEY=VALUE ..."]} with keys
 * {@code ops} (comma-separated, default all five), {@code dims} (default 128,768,1536),
 * {@code dataMiB} (default 64), {@code bits} and {@code fma} (passed to the forked JVM as
 * {@value VectorKernelsProvider#VECTOR_BITS_PROPERTY} and {@value VectorKernelsProvider#FMA_PROPERTY}).
 * JMH's JSON result goes to {@code target/jmh-kernels.json}.
 */
public final class KernelBenchmarkMain {

    private static final List<String> ALL_OPS = List.of("dot", "squareDistance", "cosine", "l1Distance", "int8Dot");

    private KernelBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException {
        Map<String, String> settings = parse(args);
        List<String> ops = Arrays.asList(settings.get("ops").split(","));
        String[] dims = settings.get("dims").split(",");
        List<String> jvmArgs = new ArrayList<>(List.of("--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"));
        forwardProperty(settings, "bits", VectorKernelsProvider.VECTOR_BITS_PROPERTY, jvmArgs);
        forwardProperty(settings, "fma", VectorKernelsProvider.FMA_PROPERTY, jvmArgs);

        Options options = new OptionsBuilder()
                .include(KernelBenchmark.class.getName() + "\\.(" + String.join("|", ops) + ")$")
                .param("dims", dims)
                .param("implementation", "vector", "scalar")
                .param("dataMiB", settings.get("dataMiB"))
                .forks(1)
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .result("target/jmh-kernels.json")
                .resultFormat(ResultFormatType.JSON)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        // Same properties as the forks, so this names the implementation they measured.
        String vectorName = VectorKernelsProvider.select(KernelMode.VECTOR, false).name();
        System.out.println(RatioTable.of(results, ops).render(vectorName, settings.get("dataMiB")));
    }

    private static void forwardProperty(Map<String, String> settings, String key, String property, List<String> jvmArgs) {
        String value = settings.get(key);
        if (value != null) {
            System.setProperty(property, value);
            jvmArgs.add("-D" + property + "=" + value);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ops", String.join(",", ALL_OPS));
        settings.put("dims", "128,768,1536");
        settings.put("dataMiB", "64");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg : arg.substring(0, eq);
            if (eq < 0 || !List.of("ops", "dims", "dataMiB", "bits", "fma").contains(key)) {
                throw new IllegalArgumentException("unknown argument '" + arg
                        + "'; use ops=dot,squareDistance,cosine,l1Distance,int8Dot dims=128,768,1536 dataMiB=64"
                        + " bits=preferred|128|256|512 fma=auto|on|off");
            }
            settings.put(key, arg.substring(eq + 1));
        }
        for (String op : settings.get("ops").split(",")) {
            if (!ALL_OPS.contains(op)) {
                throw new IllegalArgumentException("unknown op '" + op + "'; choose from " + ALL_OPS);
            }
        }
        return settings;
    }

    /** Median ns per distance by op, dimension and implementation, printed as a ratio table. */
    private static final class RatioTable {
        private final Map<String, Map<Integer, Map<String, Double>>> medians = new LinkedHashMap<>();

        static RatioTable of(Collection<RunResult> results, List<String> ops) {
            RatioTable table = new RatioTable();
            for (String op : ops) {
                table.medians.put(op, new TreeMap<>());
            }
            for (RunResult result : results) {
                String benchmark = result.getParams().getBenchmark();
                String op = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                int dims = Integer.parseInt(result.getParams().getParam("dims"));
                String implementation = result.getParams().getParam("implementation");
                double[] scores = result.getBenchmarkResults().stream()
                        .flatMap(b -> b.getIterationResults().stream())
                        .mapToDouble(i -> i.getPrimaryResult().getScore())
                        .sorted()
                        .toArray();
                table.medians.get(op).computeIfAbsent(dims, d -> new LinkedHashMap<>()).put(implementation, median(scores));
            }
            return table;
        }

        String render(String vectorName, String dataMiB) {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "%nKernel benchmark: median ns per distance, one query against %s MiB of stored vectors"
                            + " in random order%nvector = %s, scalar = plain loops; ratio = scalar / vector"
                            + " (higher is better)%n%n%-15s %6s %11s %11s %7s %10s%n",
                    dataMiB, vectorName, "op", "dims", "vector ns", "scalar ns", "ratio", "vector GB/s"));
            medians.forEach((op, byDims) -> byDims.forEach((dims, byImplementation) -> {
                double vector = byImplementation.getOrDefault("vector", Double.NaN);
                double scalar = byImplementation.getOrDefault("scalar", Double.NaN);
                // Bytes of one stored vector per distance; the query stays in cache.
                double bytes = (double) dims * (op.equals("int8Dot") ? Byte.BYTES : Float.BYTES);
                out.append(String.format(Locale.ROOT, "%-15s %6d %11.1f %11.1f %6.2fx %10.1f%n",
                        op, dims, vector, scalar, scalar / vector, bytes / vector));
            }));
            return out.toString();
        }

        private static double median(double[] sorted) {
            int n = sorted.length;
            return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }
}
