package io.vjvector.bench.cluster;

import io.vjvector.bench.sparse.Latencies;
import io.vjvector.cluster.LocalCluster;
import io.vjvector.engine.storage.DirectoryTree;
import io.vjvector.ops.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster against a standalone node on the same data, in one run: a local cluster on loopback
 * (etcd, one gateway, one master, two replicas, from the packaged application, as the cluster's
 * tests start it) and a standalone node, both with API-key authentication and
 * {@code fsync=always}. One collection of 3 shards with replication factor 2 in the cluster and
 * the same settings on the standalone node (where shards are local and there is one copy), the
 * same points loaded into both, then:
 * <ul>
 *   <li>write throughput: {@code --writers} clients upsert batches of {@code --batch} points with
 *       {@code wait=true} until all {@code --n} points are in, points/s;</li>
 *   <li>search latency of one client (limit 10, default HNSW search): {@code --repeats} passes
 *       over the queries, gateway and standalone alternating, p50/p99 over all passes;</li>
 *   <li>search throughput of {@code --clients} concurrent clients for {@code --seconds}, QPS and
 *       p50/p99 under that load.</li>
 * </ul>
 * It checks first that both hold {@code --n} points and that exact searches answer the same ids
 * on both. Every process shares the machine's cores with the client, so absolute figures are a
 * floor; the ratios and the load average printed beside them are the point.
 *
 * <p>Run {@code ./mvnw -B package -DskipTests} first, then
 * {@code ./mvnw -B -Pbench verify -Dbench=cluster [-Dbench.args="--n 100000"]}. Options:
 * {@code --n} (50000), {@code --dim} (128), {@code --batch} (256), {@code --writers} (4),
 * {@code --queries} (500), {@code --repeats} (3), {@code --clients} (8), {@code --seconds} (10),
 * {@code --seed} (42).
 */
public final class ClusterBenchmark {

    private static final String COLLECTION = "cluster_bench";
    private static final int CENTRES = 64;
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    private final int n;
    private final int dim;
    private final int batch;
    private final int writers;
    private final int repeats;
    private final int clients;
    private final int seconds;
    private final Random random;
    private final HttpClient http = client();

    private ClusterBenchmark(String[] args) {
        n = Integer.parseInt(arg(args, "--n", "50000"));
        dim = Integer.parseInt(arg(args, "--dim", "128"));
        batch = Integer.parseInt(arg(args, "--batch", "256"));
        writers = Integer.parseInt(arg(args, "--writers", "4"));
        repeats = Integer.parseInt(arg(args, "--repeats", "3"));
        clients = Integer.parseInt(arg(args, "--clients", "8"));
        seconds = Integer.parseInt(arg(args, "--seconds", "10"));
        random = new Random(Long.parseLong(arg(args, "--seed", "42")));
    }

    public static void main(String[] args) throws Exception {
        new ClusterBenchmark(args).run(Integer.parseInt(arg(args, "--queries", "500")));
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** One HTTP client per thread: a shared JDK 17 client's pool now and then closes a connection it is handing out. */
    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Where requests go: a base URL, with the API key every node here requires. */
    private record Target(String name, String url) {
    }

    private record Search(Latencies latencies, double qps) {
    }

    private void run(int queryCount) throws Exception {
        Path root = Files.createDirectories(Path.of("target", "bench-cluster"));
        Path runDir = Files.createTempDirectory(root, "run-");
        System.out.printf(Locale.ROOT, "cluster benchmark: %,d x %d-d points (Cosine, HNSW defaults), 3 shards,"
                        + " replication factor 2 (gateway + master + 2 replicas) against a standalone node;"
                        + " %d writers x batches of %d with wait=true; %d cores; load average %s%n",
                n, dim, writers, batch, Runtime.getRuntime().availableProcessors(), Latencies.loadAverage());
        float[][] centres = new float[CENTRES][];
        for (int c = 0; c < CENTRES; c++) {
            centres[c] = gaussian(1.0f, null);
        }
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < n; from += batch) {
            StringBuilder b = new StringBuilder(batch * dim * 12).append("{\"points\":[");
            for (int id = from; id < Math.min(n, from + batch); id++) {
                b.append(id == from ? "" : ",").append("{\"id\":").append(id).append(",\"vector\":")
                        .append(json(gaussian(0.3f, centres[random.nextInt(CENTRES)])))
                        .append(",\"payload\":{\"n\":").append(id).append("}}");
            }
            bodies.add(b.append("]}").toString());
        }
        List<String> queries = new ArrayList<>();
        for (int q = 0; q < queryCount; q++) {
            queries.add("{\"vector\":" + json(gaussian(0.3f, centres[random.nextInt(CENTRES)])) + ",\"limit\":10}");
        }
        long started = System.nanoTime();
        try (LocalCluster cluster = LocalCluster.start(runDir.resolve("cluster"), Duration.ofSeconds(5), 1, 2);
             ServiceProcess standaloneProcess = ServiceProcess.start(runDir.resolve("standalone"), List.of("-Xmx384m"),
                     Map.of("vjvector.auth.mode", "api-key", "vjvector.auth.api-key", LocalCluster.API_KEY,
                             "vjvector.storage.fsync", "always"),
                     runDir.resolve("standalone.log"), Duration.ofMinutes(3))) {
            System.out.printf(Locale.ROOT, "started etcd, 4 cluster nodes and a standalone node in %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
            Target gateway = new Target("gateway", cluster.gateway().url());
            Target standalone = new Target("standalone", standaloneProcess.uri("").toString());
            String create = "{\"vectors\":{\"size\":" + dim + ",\"distance\":\"Cosine\"},\"shard_number\":3,"
                    + "\"replication_factor\":2}";
            send(gateway, "PUT", "/collections/" + COLLECTION, create);
            send(standalone, "PUT", "/collections/" + COLLECTION, create);
            awaitWritable(gateway);

            double standaloneWrites = load(standalone, bodies);
            double clusterWrites = load(gateway, bodies);
            String loadAfterWrites = Latencies.loadAverage();
            checkSameData(gateway, standalone, queries);

            for (String q : queries) {
                search(http, gateway, q);
                search(http, standalone, q);
            }
            List<Long> gw = new ArrayList<>();
            List<Long> sa = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                Target first = r % 2 == 0 ? gateway : standalone;
                Target second = r % 2 == 0 ? standalone : gateway;
                pass(first, queries, first == gateway ? gw : sa);
                pass(second, queries, second == gateway ? gw : sa);
            }
            String loadAfterLatency = Latencies.loadAverage();
            Search gwConcurrent = concurrent(gateway, queries);
            Search saConcurrent = concurrent(standalone, queries);
            String loadAfterQps = Latencies.loadAverage();

            Latencies gwSingle = new Latencies(gw.stream().mapToLong(Long::longValue).toArray());
            Latencies saSingle = new Latencies(sa.stream().mapToLong(Long::longValue).toArray());
            System.out.println();
            System.out.printf(Locale.ROOT, "load average (1, 5, 15 min): after writes %s; after single-client searches %s;"
                    + " after %d-client searches %s%n", loadAfterWrites, loadAfterLatency, clients, loadAfterQps);
            System.out.println();
            System.out.println("| " + String.format(Locale.ROOT, "%,d", n) + " x " + dim
                    + " | cluster (through the gateway) | standalone | cluster / standalone |");
            System.out.println("|---|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| write points/s (%d clients, batches of %d, wait=true) | %,.0f | %,.0f | %.2f |%n",
                    writers, batch, clusterWrites, standaloneWrites, clusterWrites / standaloneWrites);
            row("search p50, 1 client (ms)", gwSingle.percentileMillis(50), saSingle.percentileMillis(50), "%.2f");
            row("search p99, 1 client (ms)", gwSingle.percentileMillis(99), saSingle.percentileMillis(99), "%.2f");
            row("search QPS, " + clients + " clients", gwConcurrent.qps(), saConcurrent.qps(), "%,.0f");
            row("search p50, " + clients + " clients (ms)", gwConcurrent.latencies().percentileMillis(50),
                    saConcurrent.latencies().percentileMillis(50), "%.2f");
            row("search p99, " + clients + " clients (ms)", gwConcurrent.latencies().percentileMillis(99),
                    saConcurrent.latencies().percentileMillis(99), "%.2f");
        } finally {
            DirectoryTree.delete(runDir);
        }
    }

    private static void row(String name, double cluster, double standalone, String format) {
        System.out.printf(Locale.ROOT, "| %s | " + format + " | " + format + " | %.2f |%n", name, cluster, standalone,
                cluster / standalone);
    }

    private float[] gaussian(float scale, float[] around) {
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = (around == null ? 0 : around[d]) + (float) random.nextGaussian() * scale;
        }
        return v;
    }

    private static String json(float[] v) {
        StringBuilder b = new StringBuilder(v.length * 11).append('[');
        for (int d = 0; d < v.length; d++) {
            b.append(d == 0 ? "" : ",").append(v[d]);
        }
        return b.append(']').toString();
    }

    /** The cluster's shards elect leaders after the collection is created: writes answer 503 until then. */
    private void awaitWritable(Target gateway) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String probe = "{\"points\":[{\"id\":0,\"vector\":" + json(new float[dim]) + "}]}";
        while (true) {
            HttpResponse<String> r = http.send(request(gateway, "PUT", "/collections/" + COLLECTION + "/points?wait=true",
                    probe), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                send(gateway, "POST", "/collections/" + COLLECTION + "/points/delete?wait=true", "{\"points\":[0]}");
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster's collection took no write within 60 s: " + r.body());
            }
            Thread.sleep(200);
        }
    }

    /** Every batch upserted by {@link #writers} clients; answers points/s over the whole load. */
    private double load(Target target, List<String> bodies) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(writers);
        long t0 = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            new Thread(() -> {
                HttpClient client = client();
                try {
                    for (int i; (i = next.getAndIncrement()) < bodies.size() && failure.get() == null; ) {
                        HttpResponse<String> r = client.send(request(target, "PUT", "/collections/" + COLLECTION
                                + "/points?wait=true", bodies.get(i)), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(target.name() + ": upsert answered " + r.statusCode() + ": "
                                    + r.body());
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "cluster-bench-writer-" + w).start();
        }
        done.await();
        double secondsTaken = (System.nanoTime() - t0) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("a writer failed", failure.get());
        }
        double rate = n / secondsTaken;
        System.out.printf(Locale.ROOT, "  %-10s loaded %,d points in %.1f s: %,.0f points/s (load average %s)%n",
                target.name(), n, secondsTaken, rate, Latencies.loadAverage());
        return rate;
    }

    /** Both hold every point, and exact searches (no graph) answer the same ids: the same data. */
    private void checkSameData(Target gateway, Target standalone, List<String> queries) throws Exception {
        String count = "{\"exact\":true}";
        String a = send(gateway, "POST", "/collections/" + COLLECTION + "/points/count", count);
        String b = send(standalone, "POST", "/collections/" + COLLECTION + "/points/count", count);
        if (!a.contains("\"count\":" + n + "}") || !b.contains("\"count\":" + n + "}")) {
            throw new IllegalStateException("expected " + n + " points on both: gateway " + a + ", standalone " + b);
        }
        int equal = 0;
        int checked = Math.min(20, queries.size());
        for (int q = 0; q < checked; q++) {
            String exact = queries.get(q).replace("\"limit\":10}", "\"limit\":10,\"params\":{\"exact\":true}}");
            if (ids(send(gateway, "POST", "/collections/" + COLLECTION + "/points/search", exact))
                    .equals(ids(send(standalone, "POST", "/collections/" + COLLECTION + "/points/search", exact)))) {
                equal++;
            }
        }
        System.out.printf("  both hold %,d points; exact top-10 ids equal for %d of %d queries%n", n, equal, checked);
    }

    private static List<String> ids(String body) {
        List<String> out = new ArrayList<>();
        Matcher m = ID.matcher(body);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private void pass(Target target, List<String> queries, List<Long> into) throws Exception {
        for (String q : queries) {
            long t0 = System.nanoTime();
            search(http, target, q);
            into.add(System.nanoTime() - t0);
        }
    }

    private static void search(HttpClient client, Target target, String query) throws IOException, InterruptedException {
        HttpResponse<Void> r = client.send(request(target, "POST", "/collections/" + COLLECTION + "/points/search", query),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(target.name() + ": search answered " + r.statusCode());
        }
    }

    /** {@link #clients} clients cycling through the queries for {@link #seconds} after 2 s of warm-up. */
    private Search concurrent(Target target, List<String> queries) throws InterruptedException {
        long measureFrom = System.nanoTime() + 2_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        long[][] perClient = new long[clients][];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int id = c;
            new Thread(() -> {
                HttpClient client = client();
                long[] mine = new long[1 << 16];
                int count = 0;
                try {
                    for (int i = id; System.nanoTime() < end && failure.get() == null; i++) {
                        long t0 = System.nanoTime();
                        search(client, target, queries.get(i % queries.size()));
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 < end) {
                            if (count == mine.length) {
                                mine = Arrays.copyOf(mine, count * 2);
                            }
                            mine[count++] = t1 - t0;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    perClient[id] = Arrays.copyOf(mine, count);
                    finished.countDown();
                }
            }, "cluster-bench-search-" + c).start();
        }
        finished.await();
        if (failure.get() != null) {
            throw new IllegalStateException("a search client failed", failure.get());
        }
        long[] all = Arrays.stream(perClient).flatMapToLong(Arrays::stream).toArray();
        Search s = new Search(new Latencies(all), all.length / (double) seconds);
        System.out.printf(Locale.ROOT, "  %-10s %d clients: %,.0f QPS, p50 %.2f ms, p99 %.2f ms (load average %s)%n",
                target.name(), clients, s.qps(), s.latencies().percentileMillis(50), s.latencies().percentileMillis(99),
                Latencies.loadAverage());
        return s;
    }

    private static HttpRequest request(Target target, String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(target.url() + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("api-key", LocalCluster.API_KEY)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private String send(Target target, String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(target, method, path, body), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(target.name() + ": " + method + " " + path + " answered " + r.statusCode()
                    + ": " + r.body());
        }
        return r.body();
    }
}
