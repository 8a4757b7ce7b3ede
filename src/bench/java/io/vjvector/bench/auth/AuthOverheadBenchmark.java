package io.vjvector.bench.auth;

import io.smallrye.jwt.build.Jwt;
import io.vjvector.engine.storage.DirectoryTree;
import io.vjvector.ops.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What authentication costs a small search: the packaged service once with
 * {@code vjvector.auth.mode=none} and once with {@code oidc+api-key} (OIDC against a local RSA
 * public key, no network), the same collection (2,000 points, 64-d, HNSW) and the same search
 * (limit 10) sent with no credential, the static API key, a managed key of a tenant, a Qdrant JWT
 * and an OIDC token with a tenant claim. Prints p50/p99 latency of one client and the QPS of
 * {@code --clients} concurrent clients, each against auth off. Each service is warmed up first
 * ({@code --jvm-warmup} seconds of searches, shared among the credentials), so the JIT's work is
 * not charged to the first cell.
 *
 * <p>Run {@code ./mvnw -B package -DskipTests} first, then
 * {@code ./mvnw -B -Pbench verify -Dbench=auth [-Dbench.args="--seconds 10"]}. Client and
 * server share the machine's cores, so the absolute figures are a floor; the ratios are the point.
 */
public final class AuthOverheadBenchmark {

    private static final int DIMENSION = 64;
    private static final int POINTS = 2_000;
    private static final String COLLECTION = "auth_bench";
    private static final String ADMIN_KEY = "bench-admin-key-0123456789abcdef";
    private static final String ISSUER = "https://issuer.bench.vjvector";
    private static final String AUDIENCE = "vjvector";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(7);

    private record Cell(String name, double p50Micros, double p99Micros, double qps) {
    }

    public static void main(String[] args) throws Exception {
        new AuthOverheadBenchmark().run(Integer.parseInt(arg(args, "--seconds", "8")),
                Integer.parseInt(arg(args, "--warmup", "3")), Integer.parseInt(arg(args, "--clients", "4")),
                Integer.parseInt(arg(args, "--jvm-warmup", "15")));
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private void run(int seconds, int warmup, int clients, int jvmWarmup) throws Exception {
        Path root = Files.createDirectories(Path.of("target", "bench-auth"));
        System.out.printf("auth overhead: search limit 10 over %d %d-d points, p50/p99 of 1 client, QPS of %d clients,"
                + " %d s measured after %d s warm-up per cell, %d cores%n", POINTS, DIMENSION, clients, seconds, warmup,
                Runtime.getRuntime().availableProcessors());
        List<Cell> cells = new ArrayList<>();
        Path off = Files.createTempDirectory(root, "off-");
        try (ServiceProcess service = ServiceProcess.start(off, List.of("-Xmx1g"), Map.of(), root.resolve("off.log"),
                Duration.ofSeconds(120))) {
            load(service, Map.of());
            warm(service, Map.of(), jvmWarmup);
            cells.add(measure(service, "auth off", Map.of(), seconds, warmup, clients));
            service.stop();
        } finally {
            DirectoryTree.delete(off);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("vjvector.auth.mode", "oidc+api-key");
        settings.put("vjvector.auth.api-key", ADMIN_KEY);
        settings.put("quarkus.oidc.tenant-enabled", "true");
        settings.put("quarkus.oidc.public-key", Base64.getEncoder().encodeToString(rsa.getPublic().getEncoded()));
        settings.put("quarkus.oidc.discovery-enabled", "false");
        settings.put("quarkus.oidc.client-id", AUDIENCE);
        settings.put("quarkus.oidc.token.issuer", ISSUER);
        settings.put("quarkus.oidc.token.audience", AUDIENCE);
        Path on = Files.createTempDirectory(root, "on-");
        try (ServiceProcess service = ServiceProcess.start(on, List.of("-Xmx1g"), settings, root.resolve("on.log"),
                Duration.ofSeconds(120))) {
            Map<String, String> admin = Map.of("api-key", ADMIN_KEY);
            load(service, admin);
            // The tenant callers search the same data: an operator's copy under the tenant's stored name.
            send(service, "PUT", "/collections/bench~" + COLLECTION,
                    "{\"vectors\":{\"size\":" + DIMENSION + ",\"distance\":\"Cosine\"},\"init_from\":{\"collection\":\""
                            + COLLECTION + "\"}}", admin);
            String managed = json(send(service, "POST", "/auth/api-keys", "{\"role\":\"reader\",\"tenant\":\"bench\"}", admin),
                    "key");
            long exp = System.currentTimeMillis() / 1000 + 3600;
            String qdrantJwt = hs256(ADMIN_KEY, "{\"exp\":" + exp + ",\"access\":\"r\"}");
            String oidc = Jwt.issuer(ISSUER).audience(AUDIENCE).subject("bench").claim("roles", List.of("reader"))
                    .claim("tenant", "bench").expiresIn(3600).jws().keyId("bench").sign(rsa.getPrivate());
            // Every credential's path is compiled before the first cell is measured.
            for (Map<String, String> caller : List.of(admin, Map.of("api-key", managed),
                    Map.of("Authorization", "Bearer " + qdrantJwt), Map.of("Authorization", "Bearer " + oidc))) {
                warm(service, caller, Math.max(1, jvmWarmup / 4));
            }
            cells.add(measure(service, "static API key", admin, seconds, warmup, clients));
            cells.add(measure(service, "managed key, tenant", Map.of("api-key", managed), seconds, warmup, clients));
            cells.add(measure(service, "Qdrant JWT", Map.of("Authorization", "Bearer " + qdrantJwt), seconds, warmup, clients));
            cells.add(measure(service, "OIDC RS256, tenant", Map.of("Authorization", "Bearer " + oidc), seconds, warmup, clients));
            service.stop();
        } finally {
            DirectoryTree.delete(on);
        }
        Cell base = cells.get(0);
        System.out.println();
        System.out.println("| caller | p50 µs | p99 µs | QPS | p50 vs off | QPS vs off |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Cell c : cells) {
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %,.0f | %.2f | %.2f |%n", c.name(), c.p50Micros(),
                    c.p99Micros(), c.qps(), c.p50Micros() / base.p50Micros(), c.qps() / base.qps());
        }
    }

    private void load(ServiceProcess service, Map<String, String> headers) throws Exception {
        send(service, "PUT", "/collections/" + COLLECTION, "{\"vectors\":{\"size\":" + DIMENSION + ",\"distance\":\"Cosine\"}}",
                headers);
        for (int from = 0; from < POINTS; from += 500) {
            StringBuilder b = new StringBuilder("{\"points\":[");
            for (int i = from; i < from + 500; i++) {
                b.append(i == from ? "" : ",").append("{\"id\":").append(i).append(",\"vector\":").append(vector()).append('}');
            }
            send(service, "PUT", "/collections/" + COLLECTION + "/points?wait=true", b.append("]}").toString(), headers);
        }
    }

    private String vector() {
        StringBuilder v = new StringBuilder("[");
        for (int d = 0; d < DIMENSION; d++) {
            v.append(d == 0 ? "" : ",").append(random.nextFloat() * 2 - 1);
        }
        return v.append(']').toString();
    }

    /** Searches for {@code seconds} so the JIT has compiled the path before anything is measured. */
    private void warm(ServiceProcess service, Map<String, String> headers, int seconds) throws Exception {
        throughput(request(service, "/collections/" + COLLECTION + "/points/search",
                "{\"vector\":" + vector() + ",\"limit\":10}", headers), 1, seconds - 1, 2);
    }

    /** One client's latencies, then {@code clients} clients' throughput, each after a warm-up. */
    private Cell measure(ServiceProcess service, String name, Map<String, String> headers, int seconds, int warmup,
                         int clients) throws Exception {
        // Callers of tenant "bench" name it as the others do; their tenant maps it to bench~auth_bench.
        String body = "{\"vector\":" + vector() + ",\"limit\":10}";
        HttpRequest search = request(service, "/collections/" + COLLECTION + "/points/search", body, headers);
        List<Long> latencies = new ArrayList<>();
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(search, HttpResponse.BodyHandlers.ofString());
            long t1 = System.nanoTime();
            if (r.statusCode() != 200) {
                throw new IllegalStateException(name + ": search answered " + r.statusCode() + ": " + r.body());
            }
            if (t0 >= warmEnd) {
                latencies.add(t1 - t0);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double qps = throughput(search, seconds, warmup, clients);
        Cell cell = new Cell(name, percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0, qps);
        System.out.printf(Locale.ROOT, "  %-22s p50 %6.0f µs  p99 %6.0f µs  %,8.0f QPS%n", name, cell.p50Micros(),
                cell.p99Micros(), qps);
        return cell;
    }

    private double throughput(HttpRequest search, int seconds, int warmup, int clients) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            new Thread(() -> {
                // One client per thread: a shared JDK 17 client's pool now and then closes a connection it is handing out.
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                try {
                    while (System.nanoTime() < end && failure.get() == null) {
                        HttpResponse<Void> r = client.send(search, HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("search answered " + r.statusCode());
                        }
                        long now = System.nanoTime();
                        if (now >= measureFrom && now < end) {
                            done.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }, "auth-bench-client-" + c).start();
        }
        finished.await();
        if (failure.get() != null) {
            throw new IllegalStateException("a client failed", failure.get());
        }
        return done.get() / (double) seconds;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private HttpRequest request(ServiceProcess service, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        return b.POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private String send(ServiceProcess service, String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String json(String body, String field) {
        int at = body.indexOf("\"" + field + "\":\"");
        int from = at + field.length() + 4;
        return body.substring(from, body.indexOf('"', from));
    }

    private static String hs256(String key, String claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }
}
