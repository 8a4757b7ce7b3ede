package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import io.vjvector.error.VJVectorException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding and dropping named vectors of a durable collection, across restarts. */
class VectorNamesTest {

    @TempDir
    Path root;

    private LocalCollectionService open() throws Exception {
        WalOptions wal = WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER);
        StorageSettings settings = new StorageSettings(root, wal, 64L << 20, Duration.ofMinutes(5), false);
        LocalCollectionService service = LocalCollectionService.open(VectorKernelsProvider.fromSystemProperty(),
                settings, new StorageEvents() { });
        service.loaded().toCompletableFuture().get(1, TimeUnit.MINUTES);
        return service;
    }

    private static VectorsConfig.DenseVector dense(int size) {
        return new VectorsConfig.DenseVector(size, Distance.DOT, null, null, null, null, null);
    }

    private static float[] vectorOf(LocalCollectionService s, long id, String name) {
        List<PointRecord> found = s.retrieve("c", List.of(PointId.of(id)), WithPayload.NONE, VectorSelection.ALL);
        return NamedVectors.dense(found.get(0).vectors(), name);
    }

    @Test
    void aNamedVectorCanBeAddedFilledDroppedAndAddedAgainAcrossRestarts() throws Exception {
        try (LocalCollectionService s = open()) {
            s.create("c", new CollectionParams(0, null, 2, 1, 1, 16, 32, 0, null, null,
                    new VectorsConfig(true, Map.of("a", dense(2)), Map.of())));
            List<PointStruct> points = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                points.add(new PointStruct(PointId.of(i), Map.of("a", new VectorValue.Dense(new float[] {i, 1})), null));
            }
            s.upsert("c", points);
            s.addVector("c", "b", dense(3), null);
            assertNull(vectorOf(s, 5, "b"), "existing points lack a new vector");
            s.updateVectors("c", List.of(new PointVectors(PointId.of(5), Map.of("b", new VectorValue.Dense(new float[] {1, 2, 3})))));
            assertEquals(PointId.of(5), s.search("c", new SearchRequest("b", new VectorValue.Dense(new float[] {1, 0, 0}),
                    new SearchOptions(null, 10, 0, null, null, false, WithPayload.NONE, false))).get(0).id());
            VJVectorException twice = assertThrows(VJVectorException.class, () -> s.addVector("c", "b", dense(3), null));
            assertTrue(twice.getMessage().contains("already exists"), twice.getMessage());
        }
        try (LocalCollectionService s = open()) {
            assertArrayEquals(new float[] {1, 2, 3}, vectorOf(s, 5, "b"));
            s.deleteVector("c", "a");
            assertNull(vectorOf(s, 7, "a"));
            assertThrows(VJVectorException.class, () -> s.upsert("c", List.of(new PointStruct(PointId.of(1),
                    Map.of("a", new VectorValue.Dense(new float[] {1, 1})), null))));
            VJVectorException last = assertThrows(VJVectorException.class, () -> s.deleteVector("c", "b"));
            assertTrue(last.getMessage().contains("at least one vector"), last.getMessage());
            s.addVector("c", "a", dense(4), null);
            s.updateVectors("c", List.of(new PointVectors(PointId.of(7), Map.of("a", new VectorValue.Dense(new float[] {1, 2, 3, 4})))));
        }
        try (LocalCollectionService s = open()) {
            assertEquals(40, s.count("c", null));
            assertArrayEquals(new float[] {1, 2, 3, 4}, vectorOf(s, 7, "a"));
            assertNull(vectorOf(s, 8, "a"), "the dropped vector's values do not come back under the new definition");
            assertArrayEquals(new float[] {1, 2, 3}, vectorOf(s, 5, "b"));
        }
    }

    @Test
    void aCopyAppliesTheCatalogsConfigVersionOnceAndKeepsItAcrossRestarts() throws Exception {
        CollectionParams created = new CollectionParams(0, null, 2, 1, 1, 16, 32, 0, null, null,
                new VectorsConfig(true, Map.of("a", dense(2), "b", dense(2)), Map.of()));
        try (LocalCollectionService s = open()) {
            s.create("c", created);
            s.upsert("c", List.of(new PointStruct(PointId.of(1), Map.of("a", new VectorValue.Dense(new float[] {1, 1}),
                    "b", new VectorValue.Dense(new float[] {2, 2})), null)));
            assertEquals(0, s.configVersion("c"));
            // The catalog's entry three changes later: b dropped and added again with 3 dimensions,
            // s added, m changed: a copy that was down through all of them.
            CollectionParams target = CollectionChanges.update(created.withVectors(created.vectors().without("b")
                    .withDense("b", dense(3)).withSparse("s", new VectorsConfig.SparseVector(false, null, null, null))),
                    new CollectionParamsUpdate(null, null, 24, null, null));
            Catalog.Entry entry = new Catalog.Entry("c", s.directoryOf("c"), target, 3);
            assertTrue(s.applyConfig("c", entry));
            assertEquals(target, s.params("c"));
            assertEquals(3, s.configVersion("c"));
            assertNull(vectorOf(s, 1, "b"), "the old definition's values are gone");
            assertArrayEquals(new float[] {1, 1}, vectorOf(s, 1, "a"));
            assertTrue(!s.applyConfig("c", entry), "an applied version is not applied again");
        }
        try (LocalCollectionService s = open()) {
            assertEquals(3, s.configVersion("c"));
            assertEquals(24, s.params("c").m());
            assertTrue(s.params("c").vectors().sparse().containsKey("s"));
            s.updateVectors("c", List.of(new PointVectors(PointId.of(1), Map.of("b", new VectorValue.Dense(new float[] {1, 2, 3})))));
            assertArrayEquals(new float[] {1, 2, 3}, vectorOf(s, 1, "b"));
            s.update("c", new CollectionParamsUpdate(null, null, 20, null, null));
            assertEquals(4, s.configVersion("c"), "a standalone change counts on from the applied version");
        }
    }
}
