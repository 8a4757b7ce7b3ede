package io.vjvector.bench.ann;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * hnswlib (C++) as the baseline, through the npm package {@code hnswlib-node} and the script in
 * {@code src/bench/js}, kept running so that its query passes interleave with ours. Installs the
 * package on first use and compiles it with {@code -O3 -march=native}: the package's own build
 * has no {@code -march} flag (SSE only), which would flatter us.
 */
final class HnswlibReference implements Pass.Runner, AutoCloseable {

    private static final Path DIR = Path.of("src/bench/js");
    private static final Path NATIVE_MARKER = DIR.resolve("node_modules/hnswlib-node/build/.march-native");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final double buildSeconds;
    private final double buildCpuSeconds;

    private HnswlibReference(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        JsonNode build = readLine();
        this.buildSeconds = build.get("buildSeconds").asDouble();
        this.buildCpuSeconds = build.get("buildCpuSeconds").asDouble();
    }

    /** Starts hnswlib on the files and waits until its single-thread build is done. */
    static HnswlibReference build(BenchData data, String space, int m, int efConstruct, int k)
            throws IOException, InterruptedException {
        ensureInstalled();
        Process p = new ProcessBuilder("node", "hnswlib-bench.js", abs(data.baseFile()), abs(data.queryFile()),
                abs(data.truthFile()), space, Integer.toString(m), Integer.toString(efConstruct), Integer.toString(k))
                .directory(DIR.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new HnswlibReference(p);
    }

    double buildSeconds() {
        return buildSeconds;
    }

    double buildCpuSeconds() {
        return buildCpuSeconds;
    }

    @Override
    public Pass run(int ef) throws IOException {
        in.write(ef + "\n");
        in.flush();
        JsonNode r = readLine();
        JsonNode l = r.get("latenciesUs");
        double[] latencies = new double[l.size()];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = l.get(i).asDouble();
        }
        return new Pass(ef, r.get("found").asInt(), r.get("seconds").asDouble(), r.get("cpuSeconds").asDouble(),
                latencies);
    }

    private JsonNode readLine() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("hnswlib-bench.js ended unexpectedly");
        }
        return JSON.readTree(line);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        in.write("quit\n");
        in.close();
        process.waitFor();
    }

    private static String abs(Path p) {
        return p.toAbsolutePath().toString();
    }

    static void ensureInstalled() throws IOException, InterruptedException {
        if (Files.exists(NATIVE_MARKER)) {
            return;
        }
        System.out.println("installing hnswlib-node in " + DIR + " (once)");
        run(new ProcessBuilder("npm", "install", "--no-audit", "--no-fund"), "npm install");
        // npm 11 skips install scripts of packages not approved; package.json approves this one,
        // and the explicit rebuild compiles the addon for this CPU.
        ProcessBuilder rebuild = new ProcessBuilder("npm", "rebuild", "hnswlib-node");
        rebuild.environment().put("CXXFLAGS", "-O3 -march=native");
        run(rebuild, "npm rebuild hnswlib-node");
        Files.writeString(NATIVE_MARKER, "built with CXXFLAGS=-O3 -march=native\n");
    }

    private static void run(ProcessBuilder pb, String what) throws IOException, InterruptedException {
        if (pb.directory(DIR.toFile()).inheritIO().start().waitFor() != 0) {
            throw new IOException(what + " failed");
        }
    }
}
