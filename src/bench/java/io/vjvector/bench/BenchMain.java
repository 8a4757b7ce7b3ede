package io.vjvector.bench;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;

/** Entry point of {@code ./mvnw -Pbench verify -Dbench=NAME [-Dbench.args="..."]}. */
public final class BenchMain {

    private static final Map<String, String> BENCHES = Map.of(
            "kernels", "io.vjvector.bench.kernels.KernelBenchmarkMain",
            "ann", "io.vjvector.bench.ann.AnnBenchmark",
            "wal", "io.vjvector.bench.storage.WalBenchmark",
            "write", "io.vjvector.bench.write.WriteThroughputBenchmark",
            "restart", "io.vjvector.bench.restart.RestartBenchmark",
            "sparse", "io.vjvector.bench.sparse.SparseBenchmark",
            "hybrid", "io.vjvector.bench.sparse.HybridBenchmark",
            "documents", "io.vjvector.bench.documents.DocumentsBenchmark",
            "auth", "io.vjvector.bench.auth.AuthOverheadBenchmark",
            "memory", "io.vjvector.bench.memory.MemoryBenchmark");

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
