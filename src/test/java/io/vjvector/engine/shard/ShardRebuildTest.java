package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.GaussianMixture;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.VectorIndex;
import io.vjvector.engine.index.VectorIndexes;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Shard#rebuild}: only live points survive, nothing committed meanwhile is lost or revived. */
class ShardRebuildTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.fromSystemProperty();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static IndexConfig hnsw(int dim, int m, int ef) {
        return new IndexConfig(dim, Distance.EUCLID, m, ef, false);
    }

    private static IndexConfig flat(int dim) {
        return new IndexConfig(dim, Distance.EUCLID, 16, 100, true);
    }

    private static Shard shard(IndexConfig config) {
        AtomicLong ops = new AtomicLong(1);
        return new Shard(VectorIndexes.create(config, KERNELS), new SearchDefaults(0, 64, config.m()),
                ops::getAndIncrement);
    }

    private static float[] vector(Random rnd, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    private static List<String> hits(Shard shard, float[] q, boolean exact) {
        List<String> out = new ArrayList<>();
        for (ScoredHit h : shard.search(new ShardSearch(q, 10, null, 64, exact, null, false, false))) {
            out.add(h.point().id() + "=" + h.score());
        }
        return out;
    }

    @Test
    void repeatedUpsertsOfTheSameIdsShrinkBackToTheLiveCount() {
        int dim = 16;
        int ids = 2000;
        Random rnd = new Random(11);
        Shard shard = shard(flat(dim));
        for (int round = 0; round < 5; round++) {
            List<PointWrite> batch = new ArrayList<>();
            for (int id = 0; id < ids; id++) {
                batch.add(new PointWrite(PointId.of(id), vector(rnd, dim), Shards.payload("round", round)));
            }
            shard.upsert(batch);
        }
        shard.delete(List.of(PointId.of(0), PointId.of(1)));
        assertEquals(5 * ids, shard.storedVectorCount());
        List<String> contents = DurableShards.contents(shard);
        float[][] queries = new float[20][];
        List<List<String>> before = new ArrayList<>();
        for (int q = 0; q < queries.length; q++) {
            queries[q] = vector(rnd, dim);
            before.add(hits(shard, queries[q], false));
        }
        long ramBefore = shard.indexRamBytesUsed();

        RebuildResult result = shard.rebuild(fields(flat(dim)), KERNELS);

        System.out.println("rebuild of a flat shard: " + result);
        assertEquals(ids - 2, shard.storedVectorCount());
        assertEquals(ids - 2, shard.pointCount());
        assertEquals(5 * ids, result.vectorsBefore());
        assertTrue(shard.indexRamBytesUsed() < ramBefore / 3, shard.indexRamBytesUsed() + " vs " + ramBefore);
        assertEquals(contents, DurableShards.contents(shard), "ids, versions, payloads and vectors are kept");
        for (int q = 0; q < queries.length; q++) {
            assertEquals(before.get(q), hits(shard, queries[q], false), "flat search is exact on the live set");
        }
    }

    @Test
    void hnswRebuiltWithNewParametersMeetsTheRecallBar() {
        int dim = 32;
        int n = 4000;
        GaussianMixture mixture = new GaussianMixture(dim, 20, 0.3f, 5);
        Shard shard = shard(hnsw(dim, 8, 40));
        for (int round = 0; round < 3; round++) {
            float[][] vs = mixture.sample(n, 100 + round);
            List<PointWrite> batch = new ArrayList<>();
            for (int id = 0; id < n; id++) {
                batch.add(new PointWrite(PointId.of(id), vs[id], null));
            }
            shard.upsert(batch);
        }
        RebuildResult result = shard.rebuild(fields(hnsw(dim, 16, 100)), KERNELS);
        System.out.println("rebuild of an HNSW shard (m 8 -> 16): " + result);
        assertEquals(n, shard.storedVectorCount());

        float[][] queries = mixture.sample(100, 999);
        int found = 0;
        for (float[] q : queries) {
            Set<String> exact = new HashSet<>(hits(shard, q, true));
            for (String h : hits(shard, q, false)) {
                found += exact.contains(h) ? 1 : 0;
            }
        }
        double recall = found / (double) (queries.length * 10);
        System.out.printf("recall@10 after rebuild (ef=64) = %.4f%n", recall);
        assertTrue(recall >= 0.95, "recall " + recall);
    }

    /**
     * One writer upserts, deletes, changes payloads and creates and drops a field index, recording
     * each acknowledged write in a model; a reader searches; the test thread rebuilds repeatedly.
     * The shard must end equal to the model.
     */
    @Test
    void writesCommittedDuringRebuildsAreKeptAndNothingIsRevived() throws Exception {
        long seed = System.nanoTime();
        System.out.println("ShardRebuildTest seed=" + seed);
        int dim = 8;
        int ids = 3000;
        Shard shard = shard(hnsw(dim, 8, 40));
        Map<PointId, String> model = new TreeMap<>();
        Random init = new Random(seed);
        List<PointWrite> initial = new ArrayList<>();
        for (int id = 0; id < ids; id++) {
            initial.add(new PointWrite(PointId.of(id), vector(init, dim), Shards.payload("k", id % 10)));
        }
        long op0 = shard.upsert(initial);
        for (PointWrite p : initial) {
            model.put(p.id(), describe(op0, p.payload(), p.vector()));
        }
        shard.createFieldIndex("k", PayloadSchemaType.INTEGER);

        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Set<String> fieldIndexes = new HashSet<>(Set.of("k"));
        // On a loaded machine 1,500 writes may all run between two rebuilds; the writer goes on
        // (boundedly) until some rebuild has caught writes up, which is what this test is about.
        AtomicBoolean overlapped = new AtomicBoolean();
        Thread writer = new Thread(() -> guard(failure, () -> {
            Random rnd = new Random(seed + 1);
            for (int step = 0; step < 1500 || (!overlapped.get() && step < 200_000); step++) {
                PointId id = PointId.of(rnd.nextInt(ids + 200));
                int what = rnd.nextInt(10);
                if (what < 6) {
                    float[] v = vector(rnd, dim);
                    ObjectNode payload = Shards.payload("k", rnd.nextInt(10));
                    long op = shard.upsert(List.of(new PointWrite(id, v, payload)));
                    model.put(id, describe(op, payload, v));
                } else if (what < 8) {
                    shard.delete(List.of(id));
                    model.remove(id);
                } else if (what < 9 && model.containsKey(id)) {
                    ObjectNode values = JsonNodeFactory.instance.objectNode().put("extra", step);
                    long op = shard.updatePayload(List.of(id), new PayloadUpdate.Set(values, null));
                    String[] old = model.get(id).split("\\|");
                    ObjectNode merged = (ObjectNode) JSON.readTree(old[1]);
                    merged.setAll(values);
                    model.put(id, op + "|" + merged + "|" + old[2]);
                } else if (step % 2 == 0) {
                    shard.createFieldIndex("extra", PayloadSchemaType.INTEGER);
                    fieldIndexes.add("extra");
                } else {
                    shard.dropFieldIndex("extra");
                    fieldIndexes.remove("extra");
                }
            }
        }));
        Thread reader = new Thread(() -> guard(failure, () -> {
            Random rnd = new Random(seed + 2);
            while (!done.get()) {
                List<ScoredHit> found = shard.search(new ShardSearch(vector(rnd, dim), 10, null, null, false, null,
                        true, true));
                assertEquals(10, found.size());
            }
        }));
        writer.start();
        reader.start();
        List<RebuildResult> results = new ArrayList<>();
        while (writer.isAlive()) {
            RebuildResult r = shard.rebuild(fields(hnsw(dim, 8, 40)), KERNELS);
            results.add(r);
            if (r.caughtUp() > 0) {
                overlapped.set(true);
            }
        }
        writer.join();
        done.set(true);
        reader.join();
        if (failure.get() != null) {
            throw new AssertionError("seed " + seed, failure.get());
        }
        results.add(shard.rebuild(fields(hnsw(dim, 8, 40)), KERNELS));
        System.out.println(results.size() + " rebuilds, operations caught up at the swaps: "
                + results.stream().map(RebuildResult::caughtUp).toList());
        assertTrue(results.stream().anyMatch(r -> r.caughtUp() > 0), "some writes ran during a rebuild");

        Map<PointId, String> actual = new TreeMap<>();
        for (StoredPoint p : shard.scroll(null, null, Integer.MAX_VALUE, true, true)) {
            actual.put(p.id(), describe(p.version(), p.payload(), p.vector()));
        }
        assertEquals(model, actual, "seed " + seed);
        assertEquals(model.size(), shard.storedVectorCount(), "the last rebuild ran with no writes");
        assertEquals(fieldIndexes, shard.fieldIndexes().keySet(), "seed " + seed);
        for (int k = 0; k < 10; k++) {
            int value = k;
            long expected = model.values().stream().filter(s -> s.contains("{\"k\":" + value + "")).count();
            Filter filter = Filter.parse(JSON.readTree("{\"must\":[{\"key\":\"k\",\"match\":{\"value\":" + k + "}}]}"));
            assertEquals(expected, shard.count(filter), "seed " + seed);
        }
    }

    private static String describe(long version, ObjectNode payload, float[] vector) {
        return version + "|" + (payload == null ? "{}" : payload) + "|" + Arrays.toString(vector);
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void guard(AtomicReference<Throwable> failure, Body body) {
        try {
            body.run();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    @Test
    void aFailingRebuildLeavesTheShardServingAsBefore() {
        int dim = 8;
        Shard shard = shard(flat(dim));
        Random rnd = new Random(3);
        for (int i = 0; i < 3; i++) {
            shard.upsert(List.of(new PointWrite(PointId.of(1), vector(rnd, dim), null),
                    new PointWrite(PointId.of(2), vector(rnd, dim), null)));
        }
        List<String> contents = DurableShards.contents(shard);
        assertThrows(IllegalArgumentException.class, () -> shard.rebuild(
                Map.of("other", new VectorFieldSpec.Dense(flat(dim), null)), KERNELS));
        assertThrows(IllegalArgumentException.class, () -> shard.rebuild(fields(flat(dim + 1)), KERNELS));

        assertEquals(contents, DurableShards.contents(shard));
        assertEquals(6, shard.storedVectorCount());
        shard.upsert(List.of(new PointWrite(PointId.of(3), vector(rnd, dim), null)));
        assertNotNull(shard.rebuild(fields(flat(dim)), KERNELS), "a later rebuild runs");
        assertEquals(3, shard.storedVectorCount());
        assertEquals(3, shard.pointCount());
    }

    @Test
    void aSecondRebuildOfTheSameShardIsRefusedWhileOneRuns() throws Exception {
        int dim = 16;
        Shard shard = shard(hnsw(dim, 16, 200));
        Random rnd = new Random(5);
        List<PointWrite> batch = new ArrayList<>();
        for (int id = 0; id < 20_000; id++) {
            batch.add(new PointWrite(PointId.of(id), vector(rnd, dim), null));
        }
        shard.upsert(batch);
        AtomicReference<RebuildResult> first = new AtomicReference<>();
        Thread t = new Thread(() -> first.set(shard.rebuild(fields(hnsw(dim, 16, 200)), KERNELS)));
        t.start();
        while (!shard.rebuilding() && t.isAlive()) {
            Thread.onSpinWait();
        }
        assertNull(shard.rebuild(fields(hnsw(dim, 16, 200)), KERNELS));
        t.join();
        assertNotNull(first.get());
        assertEquals(20_000, shard.pointCount());
    }

    /** The shard's one unnamed dense field, indexed as {@code config} says. */
    private static Map<String, VectorFieldSpec> fields(IndexConfig config) {
        return Map.of(VectorFieldSpec.DEFAULT_NAME, new VectorFieldSpec.Dense(config, null));
    }
}
