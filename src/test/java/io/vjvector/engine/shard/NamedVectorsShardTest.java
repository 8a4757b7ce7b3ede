package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.index.Datatype;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import io.vjvector.error.VJVectorException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard with several named dense fields: points with any subset of them, searches of each field
 * equal to brute force, vectors updated and deleted one field at a time, and all of it through the
 * log, checkpoints and rebuilds.
 */
class NamedVectorsShardTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.fromSystemProperty();
    private static final long SEED = Long.getLong("vjvector.test.seed", 20261203L);

    @TempDir
    Path dir;

    private static Map<String, VectorFieldSpec> fields() {
        Map<String, VectorFieldSpec> f = new LinkedHashMap<>();
        f.put("text", new VectorFieldSpec.Dense(new IndexConfig(8, Distance.COSINE, 8, 40, false), null));
        f.put("image", new VectorFieldSpec.Dense(new IndexConfig(5, Distance.EUCLID, 8, 40, false), null));
        f.put("half", new VectorFieldSpec.Dense(new IndexConfig(3, Distance.DOT, 8, 40, true), Datatype.FLOAT16));
        return f;
    }

    private static ShardSpec spec() {
        return new ShardSpec(fields(), KERNELS, new SearchDefaults(0, 40, 8), new AtomicLong(1)::getAndIncrement);
    }

    private static WalOptions options() {
        return WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER).withSegmentBytes(16 << 10);
    }

    private static float[] random(Random rnd, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    /** Points 0..n-1: every third lacks "image", every fifth lacks "text". */
    private static List<PointWrite> points(Random rnd, int n) {
        List<PointWrite> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, VectorValue> v = new HashMap<>();
            if (i % 5 != 0) {
                v.put("text", new VectorValue.Dense(random(rnd, 8)));
            }
            if (i % 3 != 0) {
                v.put("image", new VectorValue.Dense(random(rnd, 5)));
            }
            v.put("half", new VectorValue.Dense(random(rnd, 3)));
            out.add(new PointWrite(PointId.of(i), v, null));
        }
        return out;
    }

    @Test
    void eachFieldSearchesOnlyThePointsThatHaveItAndEqualsBruteForce() {
        System.out.println("NamedVectorsShardTest seed " + SEED + " (-Dvjvector.test.seed=" + SEED + ")");
        Random rnd = new Random(SEED);
        Shard shard = spec().create(OperationLog.none());
        List<PointWrite> written = points(rnd, 600);
        shard.upsert(written);
        for (String field : List.of("text", "image", "half")) {
            for (int q = 0; q < 10; q++) {
                int dim = ((VectorFieldSpec.Dense) fields().get(field)).index().dimension();
                float[] query = random(rnd, dim);
                List<ScoredHit> hits = shard.search(new ShardSearch(field, new VectorValue.Dense(query), 10, null, 200,
                        true, null, false, VectorSelection.NONE));
                List<PointId> expected = bruteForce(shard, field, query, 10);
                assertEquals(expected, hits.stream().map(h -> h.point().id()).toList(), field + " query " + q);
            }
        }
    }

    /** Exact top-k of field {@code field} over the stored (prepared) vectors, by the field's distance. */
    private static List<PointId> bruteForce(Shard shard, String field, float[] query, int k) {
        VectorFieldSpec.Dense spec = (VectorFieldSpec.Dense) fields().get(field);
        Distance distance = spec.index().distance();
        float[] q = distance == Distance.COSINE ? normalised(query) : query;
        List<StoredPoint> all = shard.scroll(null, null, Integer.MAX_VALUE, false, VectorSelection.names(Set.of(field)));
        return all.stream().filter(p -> p.vectors().containsKey(field))
                .sorted(Comparator.comparingDouble((StoredPoint p) -> {
                    float[] v = ((VectorValue.Dense) p.vectors().get(field)).values();
                    return distance == Distance.EUCLID ? l2(q, v) : -dot(q, v);
                }).thenComparing(StoredPoint::id))
                .limit(k).map(StoredPoint::id).toList();
    }

    private static float[] normalised(float[] v) {
        double n = Math.sqrt(dot(v, v));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double l2(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    @Test
    void hasVectorMatchesThePointsThatHaveTheNamedVector() throws Exception {
        Shard shard = spec().create(OperationLog.none());
        shard.upsert(points(new Random(SEED + 5), 30));
        Filter hasImage = Filter.parse(new ObjectMapper().readTree("{\"must\": {\"has_vector\": \"image\"}}"), 4);
        List<Long> ids = shard.scroll(hasImage, null, 100, false, VectorSelection.NONE).stream()
                .map(p -> ((PointId.Num) p.id()).value()).toList();
        assertEquals(LongStream.range(0, 30).filter(i -> i % 3 != 0).boxed().toList(), ids);
        assertEquals(20, shard.count(hasImage));
        // Points with both "text" (i % 5 != 0) and "image" (i % 3 != 0): 30 - 10 - 6 + 2.
        assertEquals(16, shard.search(new ShardSearch("text", new VectorValue.Dense(random(new Random(1), 8)), 30,
                hasImage, null, true, null, false, VectorSelection.NONE)).size());
        Filter noVector = Filter.parse(new ObjectMapper().readTree("{\"must_not\": {\"has_vector\": \"text\"}}"), 4);
        assertEquals(6, shard.count(noVector));
    }

    /** Each named dense field's own HNSW graph against its exact answer: recall@10 at least 0.95. */
    @Test
    void eachNamedGraphReachesTheRecallBarAgainstExact() {
        Random rnd = new Random(SEED + 6);
        Map<String, VectorFieldSpec> graphs = new LinkedHashMap<>();
        graphs.put("a", new VectorFieldSpec.Dense(new IndexConfig(24, Distance.COSINE, 16, 100, false), null));
        graphs.put("b", new VectorFieldSpec.Dense(new IndexConfig(16, Distance.EUCLID, 16, 100, false), null));
        Shard shard = new ShardSpec(graphs, KERNELS, new SearchDefaults(0, 64, 16), new AtomicLong(1)::getAndIncrement)
                .create(OperationLog.none());
        List<PointWrite> points = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            Map<String, VectorValue> v = new HashMap<>();
            v.put("a", new VectorValue.Dense(random(rnd, 24)));
            if (i % 4 != 0) {
                v.put("b", new VectorValue.Dense(random(rnd, 16)));
            }
            points.add(new PointWrite(PointId.of(i), v, null));
        }
        shard.upsert(points);
        for (String field : List.of("a", "b")) {
            int dim = field.equals("a") ? 24 : 16;
            int found = 0;
            int wanted = 0;
            for (int q = 0; q < 50; q++) {
                float[] query = random(rnd, dim);
                List<PointId> exact = shard.search(new ShardSearch(field, new VectorValue.Dense(query), 10, null, null,
                        true, null, false, VectorSelection.NONE)).stream().map(h -> h.point().id()).toList();
                java.util.Set<PointId> graph = new java.util.HashSet<>();
                shard.search(new ShardSearch(field, new VectorValue.Dense(query), 10, null, 64, false, null, false,
                        VectorSelection.NONE)).forEach(h -> graph.add(h.point().id()));
                for (PointId id : exact) {
                    found += graph.contains(id) ? 1 : 0;
                }
                wanted += exact.size();
            }
            double recall = (double) found / wanted;
            System.out.println("named field " + field + " recall@10 = " + recall);
            assertTrue(recall >= 0.95, field + " recall@10 " + recall + " below 0.95");
        }
    }

    @Test
    void aValueItsDatatypeCannotHoldIsRefusedAndTheShardKeepsServing() {
        Shard shard = spec().create(OperationLog.none());
        VJVectorException tooLarge = assertThrows(VJVectorException.class, () -> shard.upsert(List.of(new PointWrite(
                PointId.of(1), Map.of("half", new VectorValue.Dense(new float[] {1, 70000, 0})), null))));
        assertTrue(tooLarge.getMessage().contains("float16"), tooLarge.getMessage());
        assertEquals("vector.half", tooLarge.field());
        shard.upsert(List.of(new PointWrite(PointId.of(2), Map.of("half", new VectorValue.Dense(new float[] {1, 2, 3})),
                null)));
        assertEquals(1, shard.pointCount());
    }

    @Test
    void float16FieldStoresHalfPrecision() {
        Shard shard = spec().create(OperationLog.none());
        shard.upsert(List.of(new PointWrite(PointId.of(1), Map.of("half",
                new VectorValue.Dense(new float[] {0.1f, 1000.3f, -3.14159f})), null)));
        float[] stored = ((VectorValue.Dense) shard.retrieve(List.of(PointId.of(1)), false, VectorSelection.ALL)
                .get(0).vectors().get("half")).values();
        assertArrayEquals(new float[] {0.0999755859375f, 1000.5f, -3.140625f}, stored);
    }

    @Test
    void updateAndDeleteVectorsKeepTheOtherFieldsAndThePayload() {
        Random rnd = new Random(SEED + 1);
        Shard shard = spec().create(OperationLog.none());
        shard.upsert(points(rnd, 10));
        shard.updatePayload(List.of(PointId.of(1)), new PayloadUpdate.Overwrite(Shards.payload("k", 7)));
        Map<String, VectorValue> before = shard.retrieve(List.of(PointId.of(1)), true, VectorSelection.ALL).get(0).vectors();
        float[] image = random(rnd, 5);
        shard.updateVectors(List.of(new VectorsUpdate(PointId.of(1), Map.of("image", new VectorValue.Dense(image)))));
        StoredPoint after = shard.retrieve(List.of(PointId.of(1)), true, VectorSelection.ALL).get(0);
        assertArrayEquals(image, ((VectorValue.Dense) after.vectors().get("image")).values());
        assertArrayEquals(((VectorValue.Dense) before.get("text")).values(),
                ((VectorValue.Dense) after.vectors().get("text")).values());
        assertEquals(7, after.payload().get("k").asInt());

        shard.deleteVectors(List.of(PointId.of(1)), Set.of("text"));
        StoredPoint stripped = shard.retrieve(List.of(PointId.of(1)), true, VectorSelection.ALL).get(0);
        assertNull(stripped.vectors().get("text"));
        assertTrue(stripped.vectors().containsKey("image"));
        assertEquals(7, stripped.payload().get("k").asInt());

        VJVectorException absent = assertThrows(VJVectorException.class, () -> shard.updateVectors(
                List.of(new VectorsUpdate(PointId.of(99), Map.of("image", new VectorValue.Dense(image))))));
        assertTrue(absent.getMessage().contains("No point with id 99 found"), absent.getMessage());
        VJVectorException unknown = assertThrows(VJVectorException.class, () -> shard.upsert(List.of(new PointWrite(
                PointId.of(5), Map.of("audio", new VectorValue.Dense(new float[2])), null))));
        assertTrue(unknown.getMessage().contains("Not existing vector name error: audio"), unknown.getMessage());
    }

    @Test
    void theLogCheckpointsAndRebuildsKeepEveryField() throws IOException {
        Random rnd = new Random(SEED + 2);
        List<String> expected;
        try (DurableShard durable = DurableShard.open(dir.resolve("s"), spec(), options())) {
            Shard shard = durable.shard();
            shard.upsert(points(rnd, 300));
            durable.checkpoint(true);
            shard.updateVectors(List.of(new VectorsUpdate(PointId.of(2), Map.of("text",
                    new VectorValue.Dense(random(rnd, 8))))));
            shard.deleteVectors(List.of(PointId.of(4)), Set.of("image", "half"));
            shard.delete(List.of(PointId.of(7)));
            expected = contents(shard);
        }
        try (DurableShard reopened = DurableShard.open(dir.resolve("s"), spec(), options())) {
            assertEquals(expected, contents(reopened.shard()), "checkpoint plus log replay");
            reopened.rebuild(fields(), KERNELS);
            assertEquals(expected, contents(reopened.shard()), "after a rebuild");
        }
        try (DurableShard again = DurableShard.open(dir.resolve("s"), spec(), options())) {
            assertEquals(expected, contents(again.shard()), "the rebuilt state's checkpoint");
        }
    }

    @Test
    void aCheckpointWrittenInMemoryReadsBackEqual() throws IOException {
        Shard shard = spec().create(OperationLog.none());
        shard.upsert(points(new Random(SEED + 3), 50));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ShardCheckpoint.write(shard.capture(), bytes);
        Shard loaded = ShardCheckpoint.read(new ByteArrayInputStream(bytes.toByteArray()), "test", spec(),
                OperationLog.none()).shard();
        assertEquals(contents(shard), contents(loaded));
    }

    @Test
    void aFieldAddedAfterTheCheckpointStartsAbsentForEveryPoint() throws IOException {
        Shard shard = spec().create(OperationLog.none());
        shard.upsert(points(new Random(SEED + 4), 20));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ShardCheckpoint.write(shard.capture(), bytes);
        Map<String, VectorFieldSpec> more = new LinkedHashMap<>(fields());
        more.put("extra", new VectorFieldSpec.Dense(new IndexConfig(2, Distance.DOT, 8, 40, false), null));
        Shard loaded = ShardCheckpoint.read(new ByteArrayInputStream(bytes.toByteArray()), "test",
                new ShardSpec(more, KERNELS, new SearchDefaults(0, 40, 8), new AtomicLong()::getAndIncrement),
                OperationLog.none()).shard();
        assertEquals(contents(shard), contents(loaded));
        loaded.updateVectors(List.of(new VectorsUpdate(PointId.of(3), Map.of("extra",
                new VectorValue.Dense(new float[] {1, 2})))));
        assertEquals(PointId.of(3), loaded.search(new ShardSearch("extra", new VectorValue.Dense(new float[] {1, 0}), 5,
                null, null, true, null, false, VectorSelection.NONE)).get(0).point().id());
        assertEquals(1, loaded.search(new ShardSearch("extra", new VectorValue.Dense(new float[] {1, 0}), 5,
                null, null, true, null, false, VectorSelection.NONE)).size());
    }

    /** Every point with every vector, comparable as text. */
    static List<String> contents(Shard shard) {
        List<String> out = new ArrayList<>();
        for (StoredPoint p : shard.scroll(null, null, Integer.MAX_VALUE, true, VectorSelection.ALL)) {
            StringBuilder s = new StringBuilder(p.id() + " " + p.payload());
            p.vectors().forEach((name, v) -> s.append(' ').append(name).append('=')
                    .append(java.util.Arrays.toString(((VectorValue.Dense) v).values())));
            out.add(s.toString());
        }
        return out;
    }
}
