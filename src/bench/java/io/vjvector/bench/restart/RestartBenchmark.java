package io.vjvector.bench.restart;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.GaussianMixture;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.kernels.KernelMode;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.CheckpointResult;
import io.vjvector.engine.shard.DurableShard;
import io.vjvector.engine.shard.PointWrite;
import io.vjvector.engine.shard.ScoredHit;
import io.vjvector.engine.shard.SearchDefaults;
import io.vjvector.engine.shard.ShardSpec;
import io.vjvector.engine.shard.ShardSearch;
import io.vjvector.engine.storage.DirectoryTree;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Restart cost against build cost ({@code ./mvnw -B -Pbench verify -Dbench=restart
 * [-Dbench.args="--n=200000 --encrypt --compare-replay"]}): builds an HNSW shard (m 16,
 * ef_construct 100, batches inserted by two threads) through the durable shard engine, so every
 * batch goes through the write-ahead log; writes a checkpoint; closes; reopens; and prints build
 * time, checkpoint pause and write time, file sizes, reopen time and reopen / build (target:
 * at most 10%). The reopened shard must answer the same searches with the same results.
 * {@code --compare-replay} also reopens once from the log alone (no checkpoint), which is what a
 * restart costs without checkpoints.
 */
public final class RestartBenchmark {

    private static final int QUERIES = 200;

    private RestartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = 1_000_000;
        int dim = 128;
        int batch = 1_000;
        boolean encrypt = false;
        boolean compareReplay = false;
        boolean payloads = false;
        FsyncPolicy fsync = FsyncPolicy.ALWAYS;
        Path dir = Path.of("target", "bench-data", "restart");
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            String v = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "n" -> n = Integer.parseInt(v);
                case "dim" -> dim = Integer.parseInt(v);
                case "batch" -> batch = Integer.parseInt(v);
                case "encrypt" -> encrypt = true;
                case "compare-replay" -> compareReplay = true;
                case "payloads" -> payloads = true;
                case "fsync" -> fsync = FsyncPolicy.valueOf(v.toUpperCase(Locale.ROOT));
                case "dir" -> dir = Path.of(v);
                case "" -> { }
                default -> throw new IllegalArgumentException("unknown option " + arg
                        + " (n, dim, batch, encrypt, compare-replay, payloads, fsync, dir)");
            }
        }
        VectorKernels kernels = VectorKernelsProvider.select(KernelMode.AUTO, false);
        WalOptions options = WalOptions.defaults().withFsyncPolicy(fsync).withKeys(encrypt
                ? EncryptionKeys.of("bench", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=") : EncryptionKeys.none());
        System.out.printf(Locale.ROOT, "restart benchmark: n=%d dim=%d m=16 ef_construct=100 batch=%d fsync=%s"
                        + " encryption=%s payloads=%s kernels=%s java=%s cores=%d dir=%s%n", n, dim, batch,
                fsync.name().toLowerCase(Locale.ROOT), encrypt ? "AES-256-GCM" : "off",
                payloads ? "{group: keyword index, n: integer index, text}" : "none", kernels.name(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), dir.toAbsolutePath());
        DirectoryTree.delete(dir);

        GaussianMixture mixture = new GaussianMixture(dim, 100, 0.6f, 42);
        float[][] queries = mixture.sample(QUERIES, 7);
        List<List<String>> before = new ArrayList<>();
        long buildNanos;
        long walBytes;
        CheckpointResult checkpoint;
        try (DurableShard shard = DurableShard.open(dir, spec(dim, kernels), options)) {
            long start = System.nanoTime();
            if (payloads) {
                shard.shard().createFieldIndex("group", PayloadSchemaType.KEYWORD);
                shard.shard().createFieldIndex("n", PayloadSchemaType.INTEGER);
            }
            for (int from = 0; from < n; from += batch) {
                int count = Math.min(batch, n - from);
                float[][] vectors = mixture.sample(count, 1000L + from);
                List<PointWrite> points = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    points.add(new PointWrite(PointId.of(from + i), vectors[i], payloads ? payload(from + i) : null));
                }
                shard.shard().upsert(points);
                if ((from / batch) % 100 == 99) {
                    System.out.printf(Locale.ROOT, "  built %d points in %.1f s%n", from + count,
                            (System.nanoTime() - start) / 1e9);
                }
            }
            buildNanos = System.nanoTime() - start;
            walBytes = size(dir.resolve("wal"));
            for (float[] q : queries) {
                before.add(hits(shard, q));
            }
            if (compareReplay) {
                shard.close();
                long t = System.nanoTime();
                try (DurableShard replayed = DurableShard.open(dir, spec(dim, kernels), options)) {
                    System.out.printf(Locale.ROOT, "reopen from the log alone (%d records): %.1f s (%.0f%% of build)%n",
                            replayed.recovery().replayedRecords(), (System.nanoTime() - t) / 1e9,
                            100.0 * (System.nanoTime() - t) / buildNanos);
                    checkpoint = replayed.checkpoint();
                }
            } else {
                checkpoint = shard.checkpoint();
            }
        }
        long reopenStart = System.nanoTime();
        long loadNanos;
        int mismatches = 0;
        try (DurableShard shard = DurableShard.open(dir, spec(dim, kernels), options)) {
            long reopenNanos = System.nanoTime() - reopenStart;
            loadNanos = shard.recovery().loadNanos();
            for (int i = 0; i < queries.length && !compareReplay; i++) {
                if (!before.get(i).equals(hits(shard, queries[i]))) {
                    mismatches++;
                }
            }
            System.out.printf(Locale.ROOT, "points after reopen: %d of %d%n", shard.shard().pointCount(), n);
            report(n, buildNanos, walBytes, checkpoint, reopenNanos, loadNanos, mismatches, compareReplay);
        }
    }

    private static void report(int n, long buildNanos, long walBytes, CheckpointResult cp, long reopenNanos,
                               long loadNanos, int mismatches, boolean compareReplay) {
        System.out.printf(Locale.ROOT, "build (upserts through the WAL, 2 insert threads): %.1f s (%.0f points/s)%n",
                buildNanos / 1e9, n / (buildNanos / 1e9));
        System.out.printf(Locale.ROOT, "WAL before the checkpoint: %.1f MiB%n", walBytes / 1048576.0);
        System.out.printf(Locale.ROOT, "checkpoint: writes paused %.0f ms, written in %.1f s, %.1f MiB (%.0f MiB/s),"
                        + " %d WAL segments removed%n", cp.pauseNanos() / 1e6, cp.writeNanos() / 1e9,
                cp.bytes() / 1048576.0, cp.bytes() / 1048576.0 / (cp.writeNanos() / 1e9), cp.removedSegments());
        System.out.printf(Locale.ROOT, "reopen: %.2f s (checkpoint load + replay %.2f s)%n", reopenNanos / 1e9,
                loadNanos / 1e9);
        System.out.printf(Locale.ROOT, "reopen / build = %.1f%% (target <= 10%%)%n", 100.0 * reopenNanos / buildNanos);
        if (!compareReplay) {
            System.out.printf(Locale.ROOT, "search results identical after reopen: %d of %d queries differ%n",
                    mismatches, QUERIES);
        }
    }

    /** A typical small payload: a keyword, an integer and a short text. */
    private static ObjectNode payload(int i) {
        return JsonNodeFactory.instance.objectNode().put("group", "g" + (i % 100)).put("n", i)
                .put("text", "point number " + i + " of the restart benchmark");
    }

    private static ShardSpec spec(int dim, VectorKernels kernels) {
        return new ShardSpec(new IndexConfig(dim, Distance.EUCLID, 16, 100, false), kernels,
                new SearchDefaults(0, 64, 16), new AtomicLong()::getAndIncrement);
    }

    private static List<String> hits(DurableShard shard, float[] q) {
        List<String> out = new ArrayList<>();
        for (ScoredHit h : shard.shard().search(new ShardSearch(q, 10, null, 64, false, null, false, false))) {
            out.add(h.point().id() + "=" + h.score());
        }
        return out;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
