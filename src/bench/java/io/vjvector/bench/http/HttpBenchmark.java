package io.vjvector.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.bench.sparse.Latencies;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.StorageEvents;
import io.vjvector.collection.StorageSettings;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.GaussianMixture;
import io.vjvector.engine.kernels.KernelMode;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.storage.DirectoryTree;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import io.vjvector.ops.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a search costs over HTTP on top of the search itself. In one run, per data set: builds a
 * collection in process, checkpoints it, copies its files and starts the packaged service on the
 * copy, so both sides search the very same graph; then, in alternating rounds, runs the same
 * queries through {@code CollectionService.search} in process and over loopback HTTP
 * ({@code /points/search} and {@code /points/query}, one keep-alive connection), then throughput
 * with 2 search threads in process against 16 keep-alive connections. Prints p50/p99/QPS of
 * each, the overhead (HTTP p50 − in-process p50), the ratios, and the load average.
 *
 * <p>Run {@code ./mvnw -B package -DskipTests} first, then
 * {@code ./mvnw -B -Pbench verify -Dbench=http [-Dbench.args="--n=100000 --dims=128,768"]}.
 * Options: {@code --n} points (default 100,000), {@code --n768} points of the 768-d set (default
 * {@code --n}), {@code --dims} (128 Euclid and/or 768 Cosine), {@code --queries} (1,000),
 * {@code --rounds} (3, medians printed), {@code --seconds} per throughput cell (5),
 * {@code --connections} (16), {@code --jar} (the packaged service, default
 * {@code target/quarkus-app/quarkus-run.jar}).
 */
public final class HttpBenchmark {

    private static final String COLLECTION = "http_bench";
    private static final int LIMIT = 10;
    private static final int IN_PROCESS_THREADS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;

    private HttpBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + a);
            }
            options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        if (options.containsKey("jar")) {
            System.setProperty("vjvector.jar", options.get("jar"));
        }
        new HttpBenchmark(options).run();
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)).replace("_", ""));
    }

    private void run() throws Exception {
        int n = option("n", 100_000);
        System.out.printf(Locale.ROOT, "http benchmark: %d cores, JDK %s, load average %s, service %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Latencies.loadAverage(), ServiceProcess.jar().toAbsolutePath());
        VectorKernels kernels = VectorKernelsProvider.select(KernelMode.AUTO, false);
        List<String> rows = new ArrayList<>();
        for (String d : options.getOrDefault("dims", "128,768").split(",")) {
            int dims = Integer.parseInt(d.trim());
            int points = dims == 768 ? option("n768", n) : n;
            rows.addAll(dataSet(kernels, points, dims, dims >= 512 ? Distance.COSINE : Distance.EUCLID));
        }
        System.out.println();
        System.out.println("| data | path | p50 ms | p99 ms | p99/p50 | QPS | overhead p50 ms | QPS vs in-process |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
        System.out.println("load average at the end: " + Latencies.loadAverage());
    }

    private List<String> dataSet(VectorKernels kernels, int n, int dims, Distance distance) throws Exception {
        String label = String.format(Locale.ROOT, "%dk × %d %s", n / 1000, dims, distance.name().toLowerCase(Locale.ROOT));
        Path root = Files.createDirectories(Path.of("target", "bench-http"));
        Path inProcessDir = root.resolve("in-process-" + dims);
        Path serviceDir = root.resolve("service-" + dims);
        DirectoryTree.delete(inProcessDir);
        DirectoryTree.delete(serviceDir);
        GaussianMixture mixture = new GaussianMixture(dims, 100, 0.6f, 42);
        float[][] queries = mixture.sample(option("queries", 1000), 44);
        long start = System.nanoTime();
        build(kernels, inProcessDir, mixture, n, dims, distance);
        System.out.printf(Locale.ROOT, "%s: built and checkpointed in %.1f s%n", label, (System.nanoTime() - start) / 1e9);
        copy(inProcessDir, serviceDir);
        LocalCollectionService local = LocalCollectionService.open(kernels, settings(inProcessDir), StorageEvents.NONE);
        local.loaded().toCompletableFuture().get(10, TimeUnit.MINUTES);
        try (ServiceProcess service = ServiceProcess.start(serviceDir, List.of("-Xmx2g"),
                Map.of("vjvector.storage.fsync", "never"), root.resolve("service-" + dims + ".log"), Duration.ofMinutes(5))) {
            return measure(label, local, service, queries);
        } finally {
            local.close();
        }
    }

    private static StorageSettings settings(Path dir) {
        return new StorageSettings(dir, WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER), 1L << 30,
                Duration.ofHours(1), true);
    }

    private static void build(VectorKernels kernels, Path dir, GaussianMixture mixture, int n, int dims,
                              Distance distance) throws Exception {
        LocalCollectionService service = LocalCollectionService.open(kernels, settings(dir), StorageEvents.NONE);
        service.loaded().toCompletableFuture().get(1, TimeUnit.MINUTES);
        service.create(COLLECTION, new CollectionParams(dims, distance, 1, 1, 1, 16, 100, 10_000));
        int batch = 1000;
        for (int from = 0; from < n; from += batch) {
            float[][] vectors = mixture.sample(Math.min(batch, n - from), 43 + from);
            List<PointStruct> points = new ArrayList<>(vectors.length);
            for (int i = 0; i < vectors.length; i++) {
                points.add(new PointStruct(PointId.of(from + i), vectors[i], null));
            }
            service.upsert(COLLECTION, points);
        }
        service.close();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    /** The figures of one pass: per-request nanoseconds and the wall time they took. */
    private record Pass(Latencies latencies, double seconds) {

        double qps() {
            return latencies.nanos().length / seconds;
        }
    }

    private List<String> measure(String label, LocalCollectionService local, ServiceProcess service, float[][] queries)
            throws Exception {
        int port = service.uri("/").getPort();
        int connections = option("connections", 16);
        int seconds = option("seconds", 5);
        SearchOptions searchOptions = new SearchOptions(null, LIMIT, 0, null, null, false, WithPayload.NONE, false);
        String[] searchBodies = new String[queries.length];
        String[] queryBodies = new String[queries.length];
        for (int i = 0; i < queries.length; i++) {
            String v = vectorJson(queries[i]);
            searchBodies[i] = "{\"vector\":" + v + ",\"limit\":" + LIMIT + "}";
            queryBodies[i] = "{\"query\":" + v + ",\"limit\":" + LIMIT + "}";
        }
        String searchPath = "/collections/" + COLLECTION + "/points/search";
        String queryPath = "/collections/" + COLLECTION + "/points/query";
        checkSameAnswers(local, port, queries, searchBodies, searchPath, searchOptions);

        Map<String, List<Pass>> passes = new LinkedHashMap<>();
        int rounds = option("rounds", 3);
        // One round of each first, unrecorded: JIT warm-up on both sides.
        for (int round = -1; round < rounds; round++) {
            record(passes, round, "in process, 1 thread", inProcess(local, queries, searchOptions, 1, 0));
            record(passes, round, "HTTP GET /, 1 connection", http(port, "GET", "/", null, 1, 0));
            record(passes, round, "HTTP /points/search, 1 connection", http(port, "POST", searchPath, searchBodies, 1, 0));
            record(passes, round, "HTTP /points/query, 1 connection", http(port, "POST", queryPath, queryBodies, 1, 0));
            record(passes, round, "in process, " + IN_PROCESS_THREADS + " threads",
                    inProcess(local, queries, searchOptions, IN_PROCESS_THREADS, seconds));
            record(passes, round, "HTTP /points/search, " + connections + " connections",
                    http(port, "POST", searchPath, searchBodies, connections, seconds));
            System.out.printf(Locale.ROOT, "%s: round %d done, load average %s%n", label, round + 1,
                    Latencies.loadAverage());
        }
        double inP50 = median(passes.get("in process, 1 thread"), p -> p.latencies().percentileMillis(50));
        double inQps2 = median(passes.get("in process, " + IN_PROCESS_THREADS + " threads"), Pass::qps);
        List<String> rows = new ArrayList<>();
        passes.forEach((path, list) -> {
            double p50 = median(list, p -> p.latencies().percentileMillis(50));
            double p99 = median(list, p -> p.latencies().percentileMillis(99));
            double qps = median(list, Pass::qps);
            boolean http = path.startsWith("HTTP");
            boolean parallel = !path.endsWith(" 1 thread") && !path.endsWith(" 1 connection");
            rows.add(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.1f | %,.0f | %s | %s |", label, path, p50,
                    p99, p99 / p50, qps,
                    http && !parallel && !path.contains("GET") ? String.format(Locale.ROOT, "%.3f", p50 - inP50) : "",
                    http && parallel ? String.format(Locale.ROOT, "%.2f× (of %d threads)", qps / inQps2,
                            IN_PROCESS_THREADS) : ""));
        });
        return rows;
    }

    private static void record(Map<String, List<Pass>> passes, int round, String name, Pass pass) {
        if (round >= 0) {
            passes.computeIfAbsent(name, k -> new ArrayList<>()).add(pass);
        }
    }

    private static double median(List<Pass> passes, java.util.function.ToDoubleFunction<Pass> figure) {
        return Latencies.median(passes.stream().map(figure::applyAsDouble).toList());
    }

    /** The top hit of a few queries must be the same on both sides: they search the same graph. */
    private static void checkSameAnswers(LocalCollectionService local, int port, float[][] queries, String[] bodies,
                                         String path, SearchOptions options) throws IOException {
        try (LoopbackClient client = new LoopbackClient("127.0.0.1", port)) {
            for (int i = 0; i < Math.min(20, queries.length); i++) {
                List<ScoredPoint> expected = local.search(COLLECTION, new SearchRequest(queries[i], options));
                if (client.send(client.request("POST", path, bodies[i])) != 200) {
                    throw new IllegalStateException("search answered: " + client.body());
                }
                JsonNode hits = JSON.readTree(client.body()).get("result");
                if (hits.size() != expected.size() || !hits.get(0).get("id").asText().equals(expected.get(0).id().toString())) {
                    throw new IllegalStateException("query " + i + ": in process " + expected.get(0).id() + ", over HTTP "
                            + client.body());
                }
            }
        }
    }

    /**
     * Searches in process: one pass over the queries on one thread ({@code seconds} = 0), or
     * {@code threads} threads cycling through them for {@code seconds}.
     */
    private static Pass inProcess(LocalCollectionService local, float[][] queries, SearchOptions options, int threads,
                                  int seconds) throws Exception {
        SearchRequest[] requests = new SearchRequest[queries.length];
        for (int i = 0; i < queries.length; i++) {
            requests[i] = new SearchRequest(queries[i], options);
        }
        return parallel(threads, seconds, queries.length, t -> i -> local.search(COLLECTION, requests[i]));
    }

    private static Pass http(int port, String method, String path, String[] bodies, int connections, int seconds)
            throws Exception {
        int count = bodies == null ? 1000 : bodies.length;
        List<LoopbackClient> clients = new ArrayList<>();
        try {
            return parallel(connections, seconds, count, t -> {
                LoopbackClient client = new LoopbackClient("127.0.0.1", port);
                synchronized (clients) {
                    clients.add(client);
                }
                byte[][] requests = new byte[count][];
                for (int i = 0; i < count; i++) {
                    requests[i] = client.request(method, path, bodies == null ? null : bodies[i]);
                }
                return i -> {
                    int status = client.send(requests[i]);
                    if (status != 200) {
                        throw new IllegalStateException(method + " " + path + " answered " + status + ": "
                                + client.body());
                    }
                };
            });
        } finally {
            for (LoopbackClient c : clients) {
                c.close();
            }
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(int query) throws Exception;
    }

    @FunctionalInterface
    private interface WorkerSetup {
        Work create(int thread) throws Exception;
    }

    /** {@code threads} workers; each runs every query once ({@code seconds} = 0) or cycles for {@code seconds}. */
    private static Pass parallel(int threads, int seconds, int count, WorkerSetup setup) throws Exception {
        long[][] nanos = new long[threads][];
        int[] done = new int[threads];
        Work[] work = new Work[threads];
        for (int t = 0; t < threads; t++) {
            work[t] = setup.create(t);
            nanos[t] = new long[seconds == 0 ? count : 1 << 16];
        }
        Throwable[] failure = new Throwable[1];
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers[t] = new Thread(() -> {
                try {
                    int i = 0;
                    for (int q = thread * 97 % count; seconds == 0 ? i < count : System.nanoTime() < end;
                         q = (q + 1) % count, i++) {
                        long s = System.nanoTime();
                        work[thread].run(q);
                        long took = System.nanoTime() - s;
                        if (i == nanos[thread].length) {
                            nanos[thread] = Arrays.copyOf(nanos[thread], i * 2);
                        }
                        nanos[thread][i] = took;
                    }
                    done[thread] = i;
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
        long[] all = new long[Arrays.stream(done).sum()];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(nanos[t], 0, all, at, done[t]);
            at += done[t];
        }
        return new Pass(new Latencies(all), wall);
    }

    private static String vectorJson(float[] v) {
        StringBuilder s = new StringBuilder(v.length * 12).append('[');
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ",").append(v[i]);
        }
        return s.append(']').toString();
    }
}
