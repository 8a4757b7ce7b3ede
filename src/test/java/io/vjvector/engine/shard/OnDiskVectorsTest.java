package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.VectorStorage;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.quantization.QuantizationConfig;
import io.vjvector.engine.quantization.QuantizedSearch;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dense field with {@code on_disk: true} keeps its vectors in a memory-mapped file of the shard's
 * directory: it must answer exactly as the same field in memory, and the file, being scratch space
 * rewritten at every open, must never be what a reopened shard answers from.
 */
class OnDiskVectorsTest {

    private static final long SEED = Long.getLong("vjvector.ondisk.seed", System.nanoTime());
    private static final int DIM = 48;
    private static final int N = 3_000;
    private static final int K = 10;
    /** HNSW (m 16, ef 64) against exact top-10 over 3,000 clustered 48-d vectors. */
    private static final double MIN_RECALL = 0.95;

    @TempDir
    Path dir;

    private static Random random() {
        System.out.println("OnDiskVectorsTest seed=" + SEED + " (-Dvjvector.ondisk.seed=" + SEED + " replays it)");
        return new Random(SEED);
    }

    private static ShardSpec spec(boolean onDisk, QuantizationConfig quantization) {
        IndexConfig index = new IndexConfig(DIM, Distance.COSINE, 16, 100, false, quantization, onDisk);
        return new ShardSpec(Map.of(VectorFieldSpec.DEFAULT_NAME, new VectorFieldSpec.Dense(index, null)),
                VectorKernelsProvider.fromSystemProperty(), new SearchDefaults(0, 64, 16),
                new AtomicLong(1)::getAndIncrement);
    }

    private static DurableShard open(Path directory, boolean onDisk, QuantizationConfig quantization)
            throws IOException {
        return DurableShard.open(directory, spec(onDisk, quantization), DurableShards.options());
    }

    /** Points around 20 centres, so that a graph search has neighbourhoods to find. */
    private static List<PointWrite> points(Random random, int from, int to) {
        float[][] centres = new float[20][DIM];
        Random c = new Random(7);
        for (float[] centre : centres) {
            for (int i = 0; i < DIM; i++) {
                centre[i] = (float) c.nextGaussian() * 3f;
            }
        }
        List<PointWrite> out = new ArrayList<>();
        for (int n = from; n < to; n++) {
            out.add(new PointWrite(PointId.of(n), near(random, centres[random.nextInt(centres.length)]), null));
        }
        return out;
    }

    private static float[] near(Random random, float[] centre) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = centre[i] + (float) random.nextGaussian();
        }
        return v;
    }

    private static void load(Shard shard, List<PointWrite> points) {
        for (int from = 0; from < points.size(); from += 500) {
            shard.upsert(points.subList(from, Math.min(points.size(), from + 500)));
        }
    }

    private static List<String> answers(Shard shard, float[] query, boolean exact) {
        List<String> out = new ArrayList<>();
        for (ScoredHit h : shard.search(new ShardSearch(query, K, null, 64, exact, null, false, false))) {
            out.add(h.point().id() + "=" + h.score());
        }
        return out;
    }

    private static Set<PointId> ids(List<ScoredHit> hits) {
        Set<PointId> out = new HashSet<>();
        hits.forEach(h -> out.add(h.point().id()));
        return out;
    }

    /** Share of the exact top-k that the graph search (as {@code quantization} says) finds. */
    private static double recall(Shard shard, List<float[]> queries, QuantizedSearch quantization) {
        int found = 0;
        int expected = 0;
        for (float[] q : queries) {
            Set<PointId> truth = ids(shard.search(new ShardSearch(q, K, null, 64, true, null, false, false)));
            ShardSearch graph = new ShardSearch(VectorFieldSpec.DEFAULT_NAME, new io.vjvector.engine.index.VectorValue
                    .Dense(q), K, null, 64, false, null, false, VectorSelection.NONE, quantization);
            for (PointId id : ids(shard.search(graph))) {
                found += truth.contains(id) ? 1 : 0;
            }
            expected += truth.size();
        }
        return (double) found / expected;
    }

    private static List<float[]> queries(Random random) {
        List<float[]> out = new ArrayList<>();
        for (PointWrite p : points(random, 0, 50)) {
            out.add(p.vector());
        }
        return out;
    }

    private static List<Path> files(Path shardDir) throws IOException {
        Path vectors = shardDir.resolve(DurableShard.VECTORS_DIRECTORY);
        if (!Files.isDirectory(vectors)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(vectors)) {
            return s.filter(p -> p.toString().endsWith(VectorStorage.FILE_SUFFIX)).sorted().toList();
        }
    }

    @Test
    void onDiskAndInMemoryFieldsGiveIdenticalExactAnswersAndTheGraphKeepsItsRecall() throws IOException {
        Random random = random();
        List<PointWrite> points = points(random, 0, N);
        List<float[]> queries = queries(random);
        try (DurableShard memory = open(dir.resolve("memory"), false, null);
             DurableShard disk = open(dir.resolve("disk"), true, null)) {
            load(memory.shard(), points);
            load(disk.shard(), points);
            assertEquals(List.of(), files(dir.resolve("memory")), "an in-memory field maps no file");
            assertEquals(1, files(dir.resolve("disk")).size(), "one file for the one on-disk field");
            assertTrue(Files.size(files(dir.resolve("disk")).get(0)) >= (long) N * DIM * Float.BYTES);
            for (float[] q : queries) {
                assertEquals(answers(memory.shard(), q, true), answers(disk.shard(), q, true));
            }
            assertEquals(DurableShards.contents(memory.shard()), DurableShards.contents(disk.shard()));
            double recall = recall(disk.shard(), queries, null);
            System.out.printf("on-disk HNSW recall@%d = %.4f%n", K, recall);
            assertTrue(recall >= MIN_RECALL, "on-disk recall " + recall);
        }
    }

    @Test
    void withEncryptionAtRestNoVectorIsWrittenToAMappedFile() throws IOException {
        Random random = random();
        List<PointWrite> points = points(random, 0, 500);
        Path shardDir = dir.resolve("encrypted");
        // A file a run before encryption was turned on left holds plaintext: the open removes it.
        Path leftover = shardDir.resolve(DurableShard.VECTORS_DIRECTORY).resolve("old" + VectorStorage.FILE_SUFFIX);
        Files.createDirectories(leftover.getParent());
        Files.write(leftover, new byte[4096]);
        List<String> contents;
        try (DurableShard encrypted = DurableShard.open(shardDir, spec(true, null),
                DurableShards.encrypted("k1", DurableShards.KEY_1))) {
            load(encrypted.shard(), points);
            assertEquals(List.of(), files(shardDir), "an on-disk field stays in direct buffers when encrypting");
            assertFalse(Files.exists(shardDir.resolve(DurableShard.VECTORS_DIRECTORY)));
            contents = DurableShards.contents(encrypted.shard());
        }
        assertEquals(points.size(), contents.size());
    }

    @Test
    void aReopenedOnDiskShardAnswersAsBeforeFromItsCheckpointAndLog() throws IOException {
        Random random = random();
        List<PointWrite> points = points(random, 0, N);
        List<float[]> queries = queries(random);
        Path shardDir = dir.resolve("disk");
        List<List<String>> before = new ArrayList<>();
        List<String> contents;
        try (DurableShard disk = open(shardDir, true, null)) {
            load(disk.shard(), points.subList(0, N / 2));
            disk.checkpoint();
            // The second half is only in the log.
            load(disk.shard(), points.subList(N / 2, N));
            disk.shard().delete(List.of(PointId.of(1), PointId.of(2)));
            for (float[] q : queries) {
                before.add(answers(disk.shard(), q, true));
            }
            contents = DurableShards.contents(disk.shard());
        }
        try (DurableShard reopened = open(shardDir, true, null)) {
            assertEquals(contents, DurableShards.contents(reopened.shard()));
            for (int i = 0; i < queries.size(); i++) {
                assertEquals(before.get(i), answers(reopened.shard(), queries.get(i), true));
            }
            assertTrue(recall(reopened.shard(), queries, null) >= MIN_RECALL);
            assertEquals(1, files(shardDir).size(), "the previous open's file was replaced, not kept beside");
        }
    }

    @Test
    void aDamagedOrShortVectorFileIsRebuiltAndNeverServed() throws IOException {
        Random random = random();
        List<PointWrite> points = points(random, 0, N);
        List<float[]> queries = queries(random);
        Path shardDir = dir.resolve("disk");
        List<List<String>> before = new ArrayList<>();
        try (DurableShard disk = open(shardDir, true, null)) {
            load(disk.shard(), points);
            disk.checkpoint();
            for (float[] q : queries) {
                before.add(answers(disk.shard(), q, true));
            }
        }
        List<Path> damaged = files(shardDir);
        assertEquals(1, damaged.size());
        Path file = damaged.get(0);
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size / 3);
            byte[] garbage = new byte[4096];
            random.nextBytes(garbage);
            channel.write(java.nio.ByteBuffer.wrap(garbage), 0);
        }
        // A stray file of the same kind, as a crash between creating and using one would leave.
        Files.write(shardDir.resolve(DurableShard.VECTORS_DIRECTORY).resolve("vectors-stray" + VectorStorage.FILE_SUFFIX),
                new byte[] {1, 2, 3});
        try (DurableShard reopened = open(shardDir, true, null)) {
            for (int i = 0; i < queries.size(); i++) {
                assertEquals(before.get(i), answers(reopened.shard(), queries.get(i), true));
            }
            List<Path> now = files(shardDir);
            assertEquals(1, now.size());
            assertFalse(now.contains(file), "the damaged file was deleted, not read");
            assertTrue(Files.size(now.get(0)) >= (long) N * DIM * Float.BYTES);
        }
    }

    @Test
    void quantizedCodesFollowTheVectorsToDiskUnlessAlwaysRam() throws IOException {
        Random random = random();
        List<PointWrite> points = points(random, 0, N);
        List<float[]> queries = queries(random);
        for (boolean alwaysRam : new boolean[] {false, true}) {
            Path shardDir = dir.resolve("scalar-" + alwaysRam);
            try (DurableShard disk = open(shardDir, true, new QuantizationConfig.Scalar(1f, alwaysRam))) {
                load(disk.shard(), points);
                double recall = recall(disk.shard(), queries, new QuantizedSearch(false, true, 2.0));
                System.out.printf("on-disk scalar (always_ram %s) rescored recall@%d, oversampling 2 = %.4f%n", alwaysRam, K, recall);
                assertTrue(recall >= MIN_RECALL, "quantized on-disk recall " + recall);
                long codeFiles = files(shardDir).stream()
                        .filter(p -> p.getFileName().toString().startsWith("codes-")).count();
                assertEquals(alwaysRam ? 0 : 1, codeFiles, "code files with always_ram " + alwaysRam);
            }
        }
    }
}
