package io.vjvector.bench;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;

/** Entry point of {@code ./mvnw -Pbench verify -Dbench=NAME [-Dbench.args="..."]}. */
public final class BenchMain {

    private static final Map<String, String> BENCHES = Map.ofEntries(
            Map.entry("kernels", "io.vjvector.bench.kernels.KernelBenchmarkMain"),
            Map.entry("ann", "io.vjvector.bench.ann.AnnBenchmark"),
            Map.entry("wal", "io.vjvector.bench.storage.WalBenchmark"),
            Map.entry("write", "io.vjvector.bench.write.WriteThroughputBenchmark"),
            Map.entry("restart", "io.vjvector.bench.restart.RestartBenchmark"),
            Map.entry("sparse", "io.vjvector.bench.sparse.SparseBenchmark"),
            Map.entry("hybrid", "io.vjvector.bench.sparse.HybridBenchmark"),
            Map.entry("documents", "io.vjvector.bench.documents.DocumentsBenchmark"),
            Map.entry("auth", "io.vjvector.bench.auth.AuthOverheadBenchmark"),
            Map.entry("http", "io.vjvector.bench.http.HttpBenchmark"),
            Map.entry("cluster", "io.vjvector.bench.cluster.ClusterBenchmark"),
            Map.entry("memory", "io.vjvector.bench.memory.MemoryBenchmark"));

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "kernels";
        String main = BENCHES.get(name);
        if (main == null) {
            System.err.println("unknown benchmark '" + name + "'; choose one of " + BENCHES.keySet());
            System.exit(2);
        }
        Method m = Class.forName(main).getMethod("main", String[].class);
        m.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
