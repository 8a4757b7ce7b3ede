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
import java.util.Arrays;
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
 * <p>With {@code --on-disk true} the vectors (and the codes, unless {@code --always-ram true}) are
 * mapped from files: their pages count in RSS as file pages ({@code RssFile}) while resident, but
 * the kernel may evict them, so the rule then applies to the anonymous memory ({@code RssAnon},
 * heap and direct buffers) with the mapped bytes left out of "vectors", and the file pages are
 * reported beside it.
 *
 * <p>The service runs with the JVM options of the container image (its {@code JAVA_OPTS}, read from
 * {@code src/main/docker/Dockerfile.jvm}) and nothing else; {@code --jvm-options "..."} replaces them
 * to try others. Points are upserted over HTTP in batches of 256 with
 * {@code wait=true}; then the benchmark reads {@code VmRSS} from {@code /proc/PID/status}, asks
 * for a full GC ({@code jcmd GC.run}) and reads {@code VmRSS} and the heap in use again
 * ({@code jcmd GC.heap_info}).
 *
 * <p>Run {@code ./mvnw -B package -DskipTests} first, then
 * {@code ./mvnw -B -Pbench verify -Dbench=memory [-Dbench.args="--n 100000 --dim 768 --collections 1
 * --datatype float32 --quantization none|scalar|binary --on-disk false|true --always-ram false|true"]}.
 * {@code -Dvjvector.jar=...} measures another build.
 */
public final class MemoryBenchmark {

    private static final int BATCH = 256;
    private static final int M = 16;
    private static final long MB = 1L << 20;
    private static final Path IMAGE = Path.of("src", "main", "docker", "Dockerfile.jvm");
    private static final Pattern JAVA_OPTS = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"");

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
        boolean onDisk = Boolean.parseBoolean(arg(args, "--on-disk", "false"));
        boolean alwaysRam = Boolean.parseBoolean(arg(args, "--always-ram", "false"));
        String jvmOptions = arg(args, "--jvm-options", "");
        List<String> jvm = jvmOptions.isBlank() ? containerJvmOptions() : List.of(jvmOptions.trim().split("\\s+"));
        new MemoryBenchmark().run(n, dim, collections, datatype, new Storage(quantization, onDisk, alwaysRam), jvm);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /**
     * The JVM options the container image starts the service with (its {@code JAVA_OPTS}), read from
     * the image's Dockerfile so that the benchmark measures what a container runs. The Vector API
     * module is left out: {@link ServiceProcess} adds it.
     */
    private static List<String> containerJvmOptions() throws IOException {
        Matcher m = JAVA_OPTS.matcher(Files.readString(IMAGE));
        if (!m.find()) {
            throw new IllegalStateException("no JAVA_OPTS in " + IMAGE);
        }
        return Arrays.stream(m.group(1).trim().split("\\s+"))
                .filter(option -> !option.startsWith("--add-modules"))
                .toList();
    }

    /** How the vectors and their codes are kept. */
    private record Storage(String quantization, boolean onDisk, boolean alwaysRam) {
        boolean codesOnDisk() {
            return onDisk && !alwaysRam;
        }

        /** Bytes of one vector's codes: int8 and a float term, or one bit per dimension in whole longs. */
        long codeBytes(int dim) {
            return switch (quantization) {
                case "scalar" -> dim + 4L;
                case "binary" -> (dim + 63) / 64 * 8L;
                default -> 0;
            };
        }

        @Override
        public String toString() {
            return "quantization " + quantization + ", on_disk " + onDisk + (quantization.equals("none") ? ""
                    : ", always_ram " + alwaysRam);
        }
    }

    private void run(int n, int dim, int collections, String datatype, Storage storage, List<String> jvm)
            throws Exception {
        String quantization = storage.quantization();
        Path root = Files.createDirectories(Path.of("target", "bench-memory"));
        Path data = Files.createTempDirectory(root, "data-");
        System.out.printf(Locale.ROOT, "memory benchmark: %d collection(s) of %,d x %d %s, %s, JVM %s,"
                        + " jar %s%n", collections, n, dim, datatype, storage, jvm,
                ServiceProcess.jar().toAbsolutePath());
        System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).trim());
        try (ServiceProcess service = ServiceProcess.start(data, jvm, Map.of(),
                root.resolve("service.log"), Duration.ofSeconds(180))) {
            long idle = rssBytes(service.pid());
            long start = System.nanoTime();
            for (int c = 0; c < collections; c++) {
                load(service, "memory_bench_" + c, n, dim, datatype, storage, c);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long loaded = rssBytes(service.pid());
            if (!quantization.equals("none")) {
                // Codes are built by the first quantized search: one per collection.
                for (int c = 0; c < collections; c++) {
                    search(service, "memory_bench_" + c, dim);
                }
            }
            jcmd(service.pid(), "GC.run");
            Thread.sleep(2000);
            long afterGc = rssBytes(service.pid());
            long anon = status(service.pid(), "RssAnon:");
            long file = status(service.pid(), "RssFile:");
            long heap = heapUsedBytes(jcmd(service.pid(), "GC.heap_info"));
            int bytesPerComponent = switch (datatype) {
                case "float16" -> 2;
                case "uint8" -> 1;
                default -> 4;
            };
            long vectors = (long) collections * n * dim * bytesPerComponent;
            long codes = (long) collections * n * storage.codeBytes(dim);
            long links = (long) collections * n * (2 * M + 1) * Integer.BYTES;
            long bound = (long) (1.3 * (vectors + codes + links)) + 250 * MB;
            // Mapped bytes are the page cache's: what must stay in memory is the rest.
            long inMemory = (storage.onDisk() ? 0 : vectors) + (storage.codesOnDisk() ? 0 : codes) + links;
            long anonBound = (long) (1.3 * inMemory) + 250 * MB;
            System.out.printf(Locale.ROOT, "loaded in %.1f s%n", seconds);
            System.out.println("| measure | MB |");
            System.out.println("|---|---:|");
            row("RSS idle (before loading)", idle);
            row("RSS after loading", loaded);
            row("RSS after a full GC", afterGc);
            row("  of which anonymous (RssAnon: heap, direct buffers)", anon);
            row("  of which file pages (RssFile: mapped vectors/codes, jars)", file);
            row("heap in use after the GC", heap);
            row("vectors (N x d x datatype bytes)" + (storage.onDisk() ? ", mapped" : ""), vectors);
            row("codes (" + quantization + ")" + (storage.codesOnDisk() ? ", mapped" : ""), codes);
            row("links (N x (2m + 1) x 4)", links);
            row("rule: 1.3 x (vectors + codes + links) + 250 MB", bound);
            System.out.printf(Locale.ROOT, "RSS after GC / rule = %.2f -> %s%n", (double) afterGc / bound,
                    afterGc <= bound ? "within the rule" : "ABOVE the rule");
            if (storage.onDisk()) {
                row("on-disk rule: 1.3 x (in-memory codes + links) + 250 MB", anonBound);
                System.out.printf(Locale.ROOT, "RssAnon after GC / on-disk rule = %.2f -> %s%n",
                        (double) anon / anonBound, anon <= anonBound ? "within the rule" : "ABOVE the rule");
            }
            service.stop();
        } finally {
            DirectoryTree.delete(data);
        }
    }

    private static void row(String what, long bytes) {
        System.out.printf(Locale.ROOT, "| %s | %,.0f |%n", what, bytes / (double) MB);
    }

    private void load(ServiceProcess service, String name, int n, int dim, String datatype, Storage storage,
                      int seed) throws Exception {
        String vectorsConfig = "{\"size\": " + dim + ", \"distance\": \"Cosine\", \"datatype\": \"" + datatype
                + "\", \"on_disk\": " + storage.onDisk() + "}";
        String q = switch (storage.quantization()) {
            case "scalar" -> ", \"quantization_config\": {\"scalar\": {\"type\": \"int8\", \"always_ram\": "
                    + storage.alwaysRam() + "}}";
            case "binary" -> ", \"quantization_config\": {\"binary\": {\"always_ram\": " + storage.alwaysRam() + "}}";
            default -> "";
        };
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

    /** One graph search that uses the codes (building them). */
    private void search(ServiceProcess service, String name, int dim) throws Exception {
        StringBuilder body = new StringBuilder("{\"limit\": 10, \"vector\": [");
        Random random = new Random(dim);
        for (int d = 0; d < dim; d++) {
            body.append(d == 0 ? "" : ",").append(random.nextFloat() * 2 - 1);
        }
        expectOk(send(service, "POST", "/collections/" + name + "/points/search", body.append("]}").toString()));
    }

    static long rssBytes(long pid) throws IOException {
        return status(pid, "VmRSS:");
    }

    /** A {@code /proc/PID/status} line in kB, as bytes. */
    static long status(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no " + key + " for " + pid);
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
