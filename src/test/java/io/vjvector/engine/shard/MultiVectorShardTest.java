package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.multi.MultiVector;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shard with a multivector field next to a dense one: MaxSim against brute force, through the log and checkpoints. */
class MultiVectorShardTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.fromSystemProperty();
    private static final long SEED = Long.getLong("vjvector.test.seed", 4242L);
    private static final int DIM = 8;

    @TempDir
    Path dir;

    private static ShardSpec spec() {
        Map<String, VectorFieldSpec> fields = new LinkedHashMap<>();
        fields.put("", new VectorFieldSpec.Dense(new IndexConfig(4, Distance.DOT, 8, 40, false), null));
        fields.put("colbert", new VectorFieldSpec.Multi(new IndexConfig(DIM, Distance.DOT, 16, 100, false), null));
        return new ShardSpec(fields, KERNELS, new SearchDefaults(0, 100, 16), new AtomicLong(1)::getAndIncrement);
    }

    /** Rows drawn around one of a few topics per point, so that points differ as documents do. */
    private static float[][] rows(Random rnd, float[][] topics, int count) {
        float[] topic = topics[rnd.nextInt(topics.length)];
        float[][] rows = new float[count][DIM];
        for (int r = 0; r < count; r++) {
            for (int i = 0; i < DIM; i++) {
                rows[r][i] = topic[i] + 0.3f * (float) rnd.nextGaussian();
            }
        }
        return rows;
    }

    private static List<PointWrite> points(Random rnd, int n) {
        float[][] topics = new float[12][DIM];
        for (float[] t : topics) {
            for (int i = 0; i < DIM; i++) {
                t[i] = (float) rnd.nextGaussian();
            }
        }
        List<PointWrite> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, VectorValue> v = new LinkedHashMap<>();
            v.put("", new VectorValue.Dense(new float[] {1, i, 0, 0}));
            if (i % 10 != 0) {
                v.put("colbert", new VectorValue.Multi(new MultiVector(rows(rnd, topics, 1 + rnd.nextInt(4)))));
            }
            out.add(new PointWrite(PointId.of(i), v, null));
        }
        return out;
    }

    private static double maxSim(float[][] query, float[][] doc) {
        double sum = 0;
        for (float[] q : query) {
            double best = Double.NEGATIVE_INFINITY;
            for (float[] d : doc) {
                double dot = 0;
                for (int i = 0; i < q.length; i++) {
                    dot += (double) q[i] * d[i];
                }
                best = Math.max(best, dot);
            }
            sum += best;
        }
        return sum;
    }

    private static List<PointId> bruteForce(Shard shard, float[][] query, int k) {
        List<StoredPoint> all = shard.scroll(null, null, Integer.MAX_VALUE, false, VectorSelection.names(Set.of("colbert")));
        return all.stream().filter(p -> p.vectors().containsKey("colbert"))
                .sorted(Comparator.comparingDouble((StoredPoint p) ->
                        -maxSim(query, ((VectorValue.Multi) p.vectors().get("colbert")).vector().rows()))
                        .thenComparing(StoredPoint::id))
                .limit(k).map(StoredPoint::id).toList();
    }

    private static ShardSearch search(float[][] query, int k, boolean exact) {
        return new ShardSearch("colbert", new VectorValue.Multi(new MultiVector(query)), k, null, 64, exact, null, false,
                VectorSelection.NONE);
    }

    @Test
    void exactSearchEqualsBruteForceMaxSimAndTheGraphFindsMostOfIt() {
        System.out.println("MultiVectorShardTest seed " + SEED + " (-Dvjvector.test.seed=" + SEED + ")");
        Random rnd = new Random(SEED);
        Shard shard = spec().create(OperationLog.none());
        shard.upsert(points(rnd, 1500));
        float[][] topics = new float[12][DIM];
        for (float[] t : topics) {
            for (int i = 0; i < DIM; i++) {
                t[i] = (float) rnd.nextGaussian();
            }
        }
        int found = 0;
        int wanted = 0;
        for (int q = 0; q < 20; q++) {
            float[][] query = rows(rnd, topics, 3);
            List<PointId> expected = bruteForce(shard, query, 10);
            List<PointId> exact = shard.search(search(query, 10, true)).stream().map(h -> h.point().id()).toList();
            assertEquals(expected, exact, "query " + q);
            Set<PointId> graph = new HashSet<>();
            shard.search(search(query, 10, false)).forEach(h -> graph.add(h.point().id()));
            for (PointId id : expected) {
                found += graph.contains(id) ? 1 : 0;
            }
            wanted += expected.size();
        }
        double recall = (double) found / wanted;
        System.out.println("multivector recall@10 = " + recall);
        assertTrue(recall >= 0.9, "recall@10 " + recall + " below 0.9");
    }

    @Test
    void theLogAndCheckpointsKeepMultivectors() throws IOException {
        WalOptions options = WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER).withSegmentBytes(16 << 10);
        Random rnd = new Random(SEED + 1);
        List<String> expected;
        try (DurableShard durable = DurableShard.open(dir.resolve("s"), spec(), options)) {
            durable.shard().upsert(points(rnd, 200));
            durable.checkpoint(true);
            durable.shard().upsert(points(rnd, 30));
            durable.shard().deleteVectors(List.of(PointId.of(5)), Set.of("colbert"));
            expected = contents(durable.shard());
        }
        try (DurableShard reopened = DurableShard.open(dir.resolve("s"), spec(), options)) {
            assertEquals(expected, contents(reopened.shard()));
            reopened.rebuild(spec().vectors(), KERNELS);
            assertEquals(expected, contents(reopened.shard()));
        }
    }

    private static List<String> contents(Shard shard) {
        List<String> out = new ArrayList<>();
        for (StoredPoint p : shard.scroll(null, null, Integer.MAX_VALUE, true, VectorSelection.ALL)) {
            StringBuilder s = new StringBuilder(p.id().toString());
            p.vectors().forEach((name, v) -> s.append(' ').append(name).append('=').append(v instanceof VectorValue.Multi m
                    ? java.util.Arrays.deepToString(m.vector().rows())
                    : java.util.Arrays.toString(((VectorValue.Dense) v).values())));
            out.add(s.toString());
        }
        return out;
    }
}
