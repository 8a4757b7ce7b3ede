package io.vjvector.bench.memory;

import io.vjvector.engine.storage.DirectoryTree;
import io.vjvector.ops.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resident memory of the packaged service holding {@code N} vectors of {@code d} dimensions,
 * checked against the README's sizing rule:
 * {@code RSS <= 1.3 x (vectors + links) + 250 MB}, vectors being {@code N x d x} the datatype's
 * bytes (plus {@code N x (d + 4)} for scalar int8 codes) and links {@code N x (2m + 1) x 4} bytes
 * (level 0; upper levels add about 1/m of that).
 *
 * <p>The service runs with the JVM options of the container image ({@code -XX:MaxRAMPercentage=75},
 * the Vector API module) and nothing else. Points are upserted over HTTP in batches of 256 with
 * {@code wait=true}; then the benchmark reads {@code VmRSS} from {@code /proc/PID/status}, asks
 * for a full GC ({@code jcmd GC.run}) and reads {@code VmRSS} and the heap in use again
 * ({@code jcmd GC.heap_info}).
 *
 * <p>Run {@code ./mvnw -B package -DskipTests} first, then
 * {@code ./mvnw -B -Pbench verify -Dbench=memory [-Dbench.args="--n 100000 --dim 768 --collections 1
 * --datatype float32 --quantization none|scalar"]}. {@code -Dvjvector.jar=...} measures another build.
 */
public final class MemoryBenchmark {

    private static final int BATCH = 256;
    private static final int M = 16;
    private static final long MB = 1L << 20;
    private static final List<String> CONTAINER_JVM_OPTIONS = List.of("-XX:MaxRAMPercentage=75");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private MemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(arg(args, "--n", "100000"));
        int dim = Integer.parseInt(arg(args, "--dim", "768"));
        int collections = Integer.parseInt(arg(args, "--collections", "1"));
        String datatype = arg(args, "--datatype", "float32");
        String quantization = arg(args, "--quantization", "none");
        new MemoryBenchmark().run(n, dim, collections, datatype, quantization);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private void run(int n, int dim, int collections, String datatype, String quantization) throws Exception {
        Path root = Files.createDirectories(Path.of("target", "bench-memory"));
        Path data = Files.createTempDirectory(root, "data-");
        System.out.printf(Locale.ROOT, "memory benchmark: %d collection(s) of %,d x %d %s, quantization %s, JVM %s,"
                        + " jar %s%n", collections, n, dim, datatype, quantization, CONTAINER_JVM_OPTIONS,
                ServiceProcess.jar().toAbsolutePath());
        try (ServiceProcess service = ServiceProcess.start(data, CONTAINER_JVM_OPTIONS, Map.of(),
                root.resolve("service.log"), Duration.ofSeconds(180))) {
            long idle = rssBytes(service.pid());
            long start = System.nanoTime();
            for (int c = 0; c < collections; c++) {
                load(service, "memory_bench_" + c, n, dim, datatype, quantization, c);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long loaded = rssBytes(service.pid());
            jcmd(service.pid(), "GC.run");
            Thread.sleep(2000);
            long afterGc = rssBytes(service.pid());
            long heap = heapUsedBytes(jcmd(service.pid(), "GC.heap_info"));
            int bytesPerComponent = switch (datatype) {
                case "float16" -> 2;
                case "uint8" -> 1;
                default -> 4;
            };
            long vectors = (long) collections * n * dim * bytesPerComponent;
            long codes = quantization.equals("scalar") ? (long) collections * n * (dim + 4) : 0;
            long links = (long) collections * n * (2 * M + 1) * Integer.BYTES;
            long bound = (long) (1.3 * (vectors + codes + links)) + 250 * MB;
            System.out.printf(Locale.ROOT, "loaded in %.1f s%n", seconds);
            System.out.println("| measure | MB |");
            System.out.println("|---|---:|");
            row("RSS idle (before loading)", idle);
            row("RSS after loading", loaded);
            row("RSS after a full GC", afterGc);
            row("heap in use after the GC", heap);
            row("vectors (N x d x datatype bytes)", vectors);
            row("scalar codes (N x (d + 4))", codes);
            row("links (N x (2m + 1) x 4)", links);
            row("rule: 1.3 x (vectors + codes + links) + 250 MB", bound);
            System.out.printf(Locale.ROOT, "RSS after GC / rule = %.2f -> %s%n", (double) afterGc / bound,
                    afterGc <= bound ? "within the rule" : "ABOVE the rule");
            service.stop();
        } finally {
            DirectoryTree.delete(data);
        }
    }

    private static void row(String what, long bytes) {
        System.out.printf(Locale.ROOT, "| %s | %,.0f |%n", what, bytes / (double) MB);
    }

    private void load(ServiceProcess service, String name, int n, int dim, String datatype, String quantization,
                      int seed) throws Exception {
        String vectorsConfig = "{\"size\": " + dim + ", \"distance\": \"Cosine\", \"datatype\": \"" + datatype + "\"}";
        String q = quantization.equals("scalar")
                ? ", \"quantization_config\": {\"scalar\": {\"type\": \"int8\", \"always_ram\": true}}" : "";
        expectOk(send(service, "PUT", "/collections/" + name, "{\"vectors\": " + vectorsConfig + q + "}"));
        Random random = new Random(seed);
        boolean whole = datatype.equals("uint8");
        for (int from = 0; from < n; from += BATCH) {
            StringBuilder body = new StringBuilder(BATCH * dim * 12).append("{\"points\": [");
            for (int id = from; id < Math.min(n, from + BATCH); id++) {
                body.append(id == from ? "" : ",").append("{\"id\": ").append(id).append(", \"vector\": [");
                for (int d = 0; d < dim; d++) {
                    body.append(d == 0 ? "" : ",");
                    if (whole) {
                        body.append(random.nextInt(256));
                    } else {
                        body.append(random.nextFloat() * 2 - 1);
                    }
                }
                body.append("]}");
            }
            expectOk(send(service, "PUT", "/collections/" + name + "/points?wait=true", body.append("]}").toString()));
        }
    }

    private static void expectOk(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("answered " + r.statusCode() + ": " + r.body());
        }
    }

    static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /** The heap in use as {@code jcmd GC.heap_info} prints it: the first "used NNNK". */
    static long heapUsedBytes(String heapInfo) {
        Matcher m = Pattern.compile("used (\\d+)K").matcher(heapInfo);
        if (!m.find()) {
            throw new IllegalStateException("no heap use in:\n" + heapInfo);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private HttpResponse<String> send(ServiceProcess service, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(300));
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
