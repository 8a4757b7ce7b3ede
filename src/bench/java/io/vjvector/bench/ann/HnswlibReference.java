package io.vjvector.bench.ann;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * hnswlib (C++) as the baseline, through the npm package {@code hnswlib-node} and the script in
 * {@code src/bench/js}. Installs the package on first use and compiles it with
 * {@code -O3 -march=native}: the package's own build has no {@code -march} flag (SSE only), which
 * would flatter us.
 */
final class HnswlibReference {

    /** Result of one run: single-thread build seconds (wall and CPU) and the ef sweep. */
    record Result(double buildSeconds, double buildCpuSeconds, List<SweepPoint> sweep) {
    }

    private static final Path DIR = Path.of("src/bench/js");
    private static final Path NATIVE_MARKER = DIR.resolve("node_modules/hnswlib-node/build/.march-native");

    private HnswlibReference() {
    }

    static void ensureInstalled() throws IOException, InterruptedException {
        if (Files.exists(NATIVE_MARKER)) {
            return;
        }
        System.out.println("installing hnswlib-node in " + DIR + " (once)");
        run(List.of("npm", "install", "--no-audit", "--no-fund"), false);
        // npm 11 skips install scripts of packages not approved; package.json approves this one,
        // and the explicit rebuild compiles the addon for this CPU.
        ProcessBuilder rebuild = new ProcessBuilder("npm", "rebuild", "hnswlib-node").directory(DIR.toFile()).inheritIO();
        rebuild.environment().put("CXXFLAGS", "-O3 -march=native");
        if (rebuild.start().waitFor() != 0) {
            throw new IOException("npm rebuild hnswlib-node failed");
        }
        Files.writeString(NATIVE_MARKER, "built with CXXFLAGS=-O3 -march=native\n");
    }

    static Result run(Path base, Path queries, Path truth, String space, int m, int efConstruct, int k, int[] efs,
                      int repeats) throws IOException, InterruptedException {
        ensureInstalled();
        String efList = Arrays.stream(efs).mapToObj(Integer::toString).collect(Collectors.joining(","));
        String out = run(List.of("node", "hnswlib-bench.js", base.toAbsolutePath().toString(),
                queries.toAbsolutePath().toString(), truth.toAbsolutePath().toString(), space,
                Integer.toString(m), Integer.toString(efConstruct), Integer.toString(k), efList,
                Integer.toString(repeats)), true);
        JsonNode json = new ObjectMapper().readTree(out);
        List<SweepPoint> sweep = new ArrayList<>();
        for (JsonNode p : json.get("sweep")) {
            sweep.add(new SweepPoint(p.get("ef").asInt(), p.get("recall").asDouble(), p.get("qps").asDouble(),
                    p.get("cpuQps").asDouble(), p.get("p50us").asDouble(), p.get("p99us").asDouble()));
        }
        return new Result(json.get("buildSeconds").asDouble(), json.get("buildCpuSeconds").asDouble(), sweep);
    }

    private static String run(List<String> command, boolean capture) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(DIR.toFile());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        if (!capture) {
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        }
        Process p = pb.start();
        String out = capture ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue());
        }
        return out;
    }
}
