package io.vjvector.bench.storage;

import io.vjvector.engine.storage.DirectoryTree;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.Wal;
import io.vjvector.engine.storage.WalMetrics;
import io.vjvector.engine.storage.WalOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * WAL append throughput in points per second for each fsync policy, for records holding one
 * 128-d point or a batch of 256, with 1 and 8 concurrent writers, plaintext and encrypted.
 * Ratios are against fsync-per-append with one writer for the same record size.
 *
 * <p>{@code ./mvnw -Pbench verify -Dbench=wal [-Dbench.args="--seconds=3 --dir=target/wal-bench"]}
 */
public final class WalBenchmark {

    /** Point id + 128 float32 + a small JSON payload, as a shard would serialize an upsert. */
    private static final int POINT_BYTES = 8 + 128 * 4 + 80;

    private WalBenchmark() {
    }

    private record Cell(FsyncPolicy policy, int pointsPerRecord, int writers, boolean encrypted) {
        String key() {
            return pointsPerRecord + "/" + writers + "/" + encrypted;
        }
    }

    private record Result(double pointsPerSecond, double megabytesPerSecond, double appendsPerSync) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "3"));
        Path root = Path.of(options.getOrDefault("dir", "target/wal-bench"));
        System.out.printf("WAL benchmark: %.1f s per cell, directory %s, %d cores, Java %s%n", seconds,
                root.toAbsolutePath(), Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.printf("%-8s %7s %7s %5s %14s %10s %12s %10s%n", "policy", "points", "writers", "enc",
                "points/s", "MB/s", "appends/sync", "vs ALWAYS");
        Map<String, Double> baseline = new LinkedHashMap<>();
        for (boolean encrypted : new boolean[] {false, true}) {
            for (int points : new int[] {1, 256}) {
                for (int writers : new int[] {1, 8}) {
                    for (FsyncPolicy policy : FsyncPolicy.values()) {
                        Cell cell = new Cell(policy, points, writers, encrypted);
                        Result r = run(cell, root, seconds);
                        if (policy == FsyncPolicy.ALWAYS && writers == 1) {
                            baseline.put(points + "/" + encrypted, r.pointsPerSecond);
                        }
                        double ratio = r.pointsPerSecond / baseline.get(points + "/" + encrypted);
                        System.out.printf("%-8s %7d %7d %5s %14.0f %10.1f %12s %9.1fx%n", policy, points, writers,
                                encrypted ? "yes" : "no", r.pointsPerSecond, r.megabytesPerSecond,
                                Double.isNaN(r.appendsPerSync) ? "-" : String.format("%.1f", r.appendsPerSync), ratio);
                    }
                }
            }
        }
        DirectoryTree.delete(root);
    }

    private static Result run(Cell cell, Path root, double seconds) throws Exception {
        Path dir = root.resolve(cell.policy() + "-" + cell.key().replace('/', '-'));
        DirectoryTree.delete(dir);
        WalOptions options = WalOptions.defaults().withFsyncPolicy(cell.policy())
                .withFsyncInterval(Duration.ofMillis(100))
                .withKeys(cell.encrypted() ? EncryptionKeys.of("bench", randomKey()) : EncryptionKeys.none());
        byte[] payload = new byte[cell.pointsPerRecord() * POINT_BYTES];
        new Random(1).nextBytes(payload);
        try (Wal wal = Wal.open(dir, options)) {
            // Warm up the JIT and the file system before measuring.
            drive(wal, cell.writers(), payload, Duration.ofMillis(500));
            WalMetrics before = wal.metrics();
            long t0 = System.nanoTime();
            long appends = drive(wal, cell.writers(), payload, Duration.ofNanos((long) (seconds * 1e9)));
            double elapsed = (System.nanoTime() - t0) / 1e9;
            WalMetrics after = wal.metrics();
            long syncs = after.syncs() - before.syncs();
            return new Result(appends * cell.pointsPerRecord() / elapsed,
                    (after.appendedBytes() - before.appendedBytes()) / elapsed / 1e6,
                    syncs == 0 ? Double.NaN : (double) appends / syncs);
        } finally {
            DirectoryTree.delete(dir);
        }
    }

    /** Appends from {@code writers} threads for {@code duration}; deletes old segments as checkpoints would. */
    private static long drive(Wal wal, int writers, byte[] payload, Duration duration) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder appends = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        wal.writer().append(1, (byte) 1, payload);
                        appends.increment();
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(50);
            wal.truncateBefore(wal.lastSequence());
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return appends.sum();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new Random(7).nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return options;
    }

}
