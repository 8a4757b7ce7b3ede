package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.quantization.QuantizedSearch;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import io.vjvector.error.VJVectorException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quantization settings of a durable collection: per collection and per dense vector, changed by
 * PATCH (a rebuild applies them), kept across restarts, and used by searches that ask for them.
 */
class QuantizationSettingsTest {

    private static final int DIM = 16;
    private static final long SEED = Long.getLong("vjvector.test.seed", 20_261_127L);
    private static final QuantizationSettings SCALAR = new QuantizationSettings(QuantizationSettings.SCALAR, 0.99f, true);
    private static final QuantizationSettings BINARY = new QuantizationSettings(QuantizationSettings.BINARY, null, null);

    @TempDir
    Path root;

    private LocalCollectionService open() throws Exception {
        WalOptions wal = WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER);
        LocalCollectionService service = LocalCollectionService.open(VectorKernelsProvider.fromSystemProperty(),
                new StorageSettings(root, wal, 64L << 20, Duration.ofMinutes(5), true), StorageEvents.NONE);
        service.loaded().toCompletableFuture().get(1, TimeUnit.MINUTES);
        return service;
    }

    private static CollectionParams named(QuantizationSettings collection, QuantizationSettings ofB) {
        VectorsConfig vectors = new VectorsConfig(true, Map.of(
                "a", new VectorsConfig.DenseVector(DIM, Distance.COSINE, null, null, null, null, null),
                "b", new VectorsConfig.DenseVector(DIM, Distance.EUCLID, null, null, null, null, null, ofB)), Map.of());
        return new CollectionParams(0, null, 1, 1, 1, 16, 100, 0, null, null, vectors, collection);
    }

    /** Share of the exact top 5 the quantized search finds, over 20 queries of {@code using}. */
    private static double recall(CollectionService service, String name, String using, QuantizedSearch params) {
        Random rnd = new Random(SEED + 1);
        int found = 0;
        for (int q = 0; q < 20; q++) {
            float[] v = Collections.vector(DIM, rnd);
            Set<Object> exact = ids(service.search(name, new SearchRequest(using, new VectorValue.Dense(v),
                    new SearchOptions(null, 5, 0, null, null, true, WithPayload.NONE, VectorSelection.NONE))));
            Set<Object> got = ids(service.search(name, new SearchRequest(using, new VectorValue.Dense(v),
                    new SearchOptions(null, 5, 0, null, 64, false, WithPayload.NONE, VectorSelection.NONE, params))));
            got.retainAll(exact);
            found += got.size();
        }
        return found / 100.0;
    }

    private static Set<Object> ids(List<ScoredPoint> hits) {
        Set<Object> out = new HashSet<>();
        hits.forEach(h -> out.add(h.id()));
        return out;
    }

    private static List<PointStruct> points(int n) {
        Random rnd = new Random(SEED);
        List<PointStruct> out = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            out.add(new PointStruct(PointId.of(id),
                    Map.of("a", new VectorValue.Dense(Collections.vector(DIM, rnd)),
                            "b", new VectorValue.Dense(Collections.vector(DIM, rnd))), null));
        }
        return out;
    }

    @Test
    void perCollectionAndPerVectorSettingsAreSearchedWithAndSurviveARestart() throws Exception {
        System.out.println("QuantizationSettingsTest seed=" + SEED + " (-Dvjvector.test.seed)");
        CollectionParams expected;
        try (LocalCollectionService service = open()) {
            service.create("q", named(SCALAR, BINARY));
            service.upsert("q", points(600));
            expected = service.info("q").params();
            assertEquals(SCALAR, expected.quantizationOf("a"), "a takes the collection's");
            assertEquals(BINARY, expected.quantizationOf("b"), "b has its own");
            assertTrue(recall(service, "q", "a", QuantizedSearch.DEFAULT) >= 0.9);
            // 16 sign bits barely rank anything: a wide oversampling leaves the ranking to the rescoring.
            assertTrue(recall(service, "q", "b", new QuantizedSearch(false, true, 30.0)) >= 0.9);
        }
        try (LocalCollectionService service = open()) {
            assertEquals(expected, service.info("q").params());
            assertEquals(600, service.count("q", null));
            assertTrue(recall(service, "q", "a", QuantizedSearch.DEFAULT) >= 0.9, "codes rebuilt after loading");
        }
    }

    @Test
    void patchEnablesAndDisablesQuantizationAndARestartKeepsIt() throws Exception {
        try (LocalCollectionService service = open()) {
            service.create("p", named(null, null));
            service.upsert("p", points(300));
            service.update("p", new CollectionParamsUpdate(null, null, null, null, null, null, null, null,
                    SCALAR, Map.of("b", BINARY)));
            CollectionParams p = service.info("p").params();
            assertEquals(SCALAR, p.quantization());
            assertEquals(BINARY, p.vectors().dense().get("b").quantization());
            assertTrue(recall(service, "p", "b", new QuantizedSearch(false, true, 30.0)) >= 0.9);
        }
        try (LocalCollectionService service = open()) {
            assertEquals(SCALAR, service.info("p").params().quantizationOf("a"));
            service.update("p", new CollectionParamsUpdate(null, null, null, null, null, null, null, null,
                    QuantizationSettings.REMOVE, Map.of("b", QuantizationSettings.REMOVE)));
        }
        try (LocalCollectionService service = open()) {
            CollectionParams p = service.info("p").params();
            assertNull(p.quantization());
            assertNull(p.quantizationOf("b"), "b falls back to the collection's, which is none");
            assertEquals(300, service.count("p", null));
        }
    }

    @Test
    void aPatchOfAnUnknownVectorNamesIt() throws Exception {
        try (LocalCollectionService service = open()) {
            service.create("u", named(null, null));
            VJVectorException e = assertThrows(VJVectorException.class, () -> service.update("u",
                    new CollectionParamsUpdate(null, null, null, null, null, null, null, null, null,
                            Map.of("c", SCALAR))));
            assertTrue(e.getMessage().contains("Not existing vector name"), e.getMessage());
        }
    }
}
