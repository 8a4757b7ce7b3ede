package io.vjvector.bench.write;

import io.vjvector.engine.storage.DirectoryTree;
import io.vjvector.ops.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Write throughput of the packaged service per WAL fsync mode: 8 concurrent clients upsert
 * 128-dimensional points with {@code wait=true} in batches of 1 and of 256, over HTTP on
 * loopback, into a fresh collection on a fresh data directory on the project's disk. Prints
 * points/s and the ratio to {@code never} (no fsync) for each batch size.
 *
 * <p>Run {@code ./mvnw -B package -DskipTests} first, then
 * {@code ./mvnw -B -Pbench verify -Dbench=write [-Dbench.args="--index flat --rounds 3"]}.
 * Options: {@code --index hnsw|flat} (default hnsw, the default collection; flat has no graph
 * and so isolates the write path: HTTP, log, store), {@code --seconds} measured per cell
 * (default 10) after {@code --warmup} seconds (default 3), {@code --rounds} (default 2): every
 * mode runs once per round, in a rotated order, and the best round counts, which damps the
 * drift of other load on a shared machine. Client and server share the machine's cores, so
 * absolute figures are a floor; the ratios are the point.
 */
public final class WriteThroughputBenchmark {

    private static final int DIMENSION = 128;
    private static final int CLIENTS = 8;
    private static final int[] BATCHES = {1, 256};
    private static final String[] MODES = {"never", "interval", "always"};
    private static final String COLLECTION = "write_bench";
    /** Distinct vectors the clients cycle through, pre-rendered as JSON so clients spend little CPU. */
    private static final int VECTOR_POOL = 4096;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String[] vectors = new String[VECTOR_POOL];
    private final AtomicLong nextId = new AtomicLong();

    private WriteThroughputBenchmark() {
        Random random = new Random(42);
        for (int i = 0; i < VECTOR_POOL; i++) {
            StringBuilder v = new StringBuilder("[");
            for (int d = 0; d < DIMENSION; d++) {
                v.append(d == 0 ? "" : ",").append(random.nextFloat() * 2 - 1);
            }
            vectors[i] = v.append(']').toString();
        }
    }

    public static void main(String[] args) throws Exception {
        String index = arg(args, "--index", "hnsw");
        if (!index.equals("hnsw") && !index.equals("flat")) {
            throw new IllegalArgumentException("--index is hnsw or flat, not " + index);
        }
        new WriteThroughputBenchmark().run(index, Integer.parseInt(arg(args, "--seconds", "10")),
                Integer.parseInt(arg(args, "--warmup", "3")), Integer.parseInt(arg(args, "--rounds", "2")));
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private record Result(double pointsPerSecond, double requestsPerSecond) {
    }

    private void run(String index, int seconds, int warmup, int rounds) throws Exception {
        Path root = Files.createDirectories(Path.of("target", "bench-write"));
        System.out.printf("write benchmark: %s index, %d clients, %d-d points, %d s measured after %d s warm-up per cell,"
                + " best of %d rounds, %d cores, data under %s%n", index, CLIENTS, DIMENSION, seconds, warmup, rounds,
                Runtime.getRuntime().availableProcessors(), root.toAbsolutePath());
        Map<String, Result> best = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int m = 0; m < MODES.length; m++) {
                String mode = MODES[(m + round) % MODES.length];
                Path data = Files.createTempDirectory(root, mode + "-");
                try (ServiceProcess service = ServiceProcess.start(data, List.of("-Xmx2g"),
                        Map.of("vjvector.storage.fsync", mode), root.resolve(mode + ".log"), Duration.ofSeconds(120))) {
                    for (int batch : BATCHES) {
                        Result r = measure(service, index, batch, warmup, seconds);
                        best.merge(mode + "/" + batch, r, (a, b) -> a.pointsPerSecond() >= b.pointsPerSecond() ? a : b);
                        System.out.printf(Locale.ROOT, "  round %d  %-8s batch %3d: %,10.0f points/s%n",
                                round + 1, mode, batch, r.pointsPerSecond());
                    }
                    service.stop();
                } finally {
                    DirectoryTree.delete(data);
                }
            }
        }
        System.out.println();
        System.out.println("| fsync | batch | points/s | requests/s | vs never |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int batch : BATCHES) {
            double never = best.get("never/" + batch).pointsPerSecond();
            for (String mode : MODES) {
                Result r = best.get(mode + "/" + batch);
                System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %,.1f | %.2f |%n", mode, batch,
                        r.pointsPerSecond(), r.requestsPerSecond(), r.pointsPerSecond() / never);
            }
        }
    }

    /** A fresh collection, CLIENTS writers for warm-up + measured seconds; counts only measured acknowledgements. */
    private Result measure(ServiceProcess service, String index, int batch, int warmup, int seconds) throws Exception {
        send(service, "DELETE", "/collections/" + COLLECTION, "");
        HttpResponse<String> created = send(service, "PUT", "/collections/" + COLLECTION,
                "{\"vectors\": {\"size\": " + DIMENSION + ", \"distance\": \"Cosine\"}"
                        + (index.equals("flat") ? ", \"hnsw_config\": {\"m\": 0}" : "") + "}");
        if (created.statusCode() != 200) {
            throw new IllegalStateException("create answered " + created.statusCode() + ": " + created.body());
        }
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong points = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end && failure.get() == null) {
                        HttpResponse<String> r = send(service, "PUT", "/collections/" + COLLECTION + "/points?wait=true",
                                body(batch));
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("upsert answered " + r.statusCode() + ": " + r.body());
                        }
                        long now = System.nanoTime();
                        if (now >= measureFrom && now < end) {
                            points.addAndGet(batch);
                            requests.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "write-bench-client-" + c);
            t.start();
        }
        done.await();
        if (failure.get() != null) {
            throw new IllegalStateException("a client failed; service log:\n" + service.logTail(), failure.get());
        }
        return new Result(points.get() / (double) seconds, requests.get() / (double) seconds);
    }

    private String body(int batch) {
        StringBuilder b = new StringBuilder(batch * DIMENSION * 12 + 32).append("{\"points\":[");
        for (int i = 0; i < batch; i++) {
            long id = nextId.incrementAndGet();
            b.append(i == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"vector\":")
                    .append(vectors[(int) (id % VECTOR_POOL)]).append(",\"payload\":{\"n\":").append(id).append("}}");
        }
        return b.append("]}").toString();
    }

    private HttpResponse<String> send(ServiceProcess service, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(60));
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
