package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.RebuildResult;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vacuum optimizer of a durable collection service: when it rebuilds, and what survives a restart. */
class VacuumOptimizerTest {

    private static final int DIM = 8;

    @TempDir
    Path root;

    private final List<RebuildResult> rebuilds = new CopyOnWriteArrayList<>();

    private LocalCollectionService open() throws Exception {
        return open(false);
    }

    private LocalCollectionService open(boolean checkpointOnClose) throws Exception {
        WalOptions wal = WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER);
        StorageSettings settings = new StorageSettings(root, wal, 64L << 20, Duration.ofMinutes(5), checkpointOnClose);
        LocalCollectionService service = LocalCollectionService.open(VectorKernelsProvider.fromSystemProperty(),
                settings, new StorageEvents() {
                    @Override
                    public void shardRebuilt(String collection, int shard, RebuildResult result) {
                        rebuilds.add(result);
                    }
                });
        service.loaded().toCompletableFuture().get(1, TimeUnit.MINUTES);
        return service;
    }

    private static CollectionParams params(int m, OptimizerSettings optimizers) {
        return new CollectionParams(DIM, Distance.EUCLID, 2, 1, 1, m, 32, 0, optimizers);
    }

    private static void upsertRounds(LocalCollectionService service, String name, int ids, int rounds, Random rnd) {
        for (int round = 0; round < rounds; round++) {
            List<PointStruct> points = new ArrayList<>();
            for (int id = 0; id < ids; id++) {
                float[] v = new float[DIM];
                for (int i = 0; i < DIM; i++) {
                    v[i] = (float) rnd.nextGaussian();
                }
                points.add(new PointStruct(PointId.of(id), v, null));
            }
            service.upsert(name, points);
        }
    }

    private static List<String> everything(LocalCollectionService service, String name) {
        List<String> out = new ArrayList<>();
        for (PointRecord r : service.scroll(name, new ScrollRequest(null, 10_000, null, WithPayload.ALL, true)).points()) {
            out.add(r.id() + " " + r.payload() + " " + Arrays.toString(r.vector()));
        }
        return out;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void churnedShardsAreRebuiltAndARestartLoadsTheRebuiltState() throws Exception {
        OptimizerSettings optimizers = new OptimizerSettings(0.3, 200);
        List<String> contents;
        try (LocalCollectionService service = open()) {
            service.create("c", params(8, optimizers));
            upsertRounds(service, "c", 600, 8, new Random(1));
            await(() -> {
                CollectionInfo info = service.info("c");
                return !info.optimizing() && info.storedVectorsCount() == info.pointsCount();
            }, "the deleted vectors are reclaimed");
            CollectionInfo info = service.info("c");
            assertEquals(600, info.pointsCount());
            assertEquals(600, info.indexedVectorsCount());
            assertEquals(optimizers, info.params().optimizers());
            assertTrue(rebuilds.size() >= 2, "both shards were rebuilt: " + rebuilds);
            contents = everything(service, "c");
        }
        try (LocalCollectionService reopened = open()) {
            CollectionInfo info = reopened.info("c");
            assertEquals(600, info.storedVectorsCount(), "the rebuilt checkpoints were loaded");
            assertEquals(optimizers, info.params().optimizers(), "optimizer settings are kept in the catalog");
            assertEquals(contents, everything(reopened, "c"));
        }
    }

    @Test
    void belowTheThresholdOrTheMinimumNothingIsRebuilt() throws Exception {
        try (LocalCollectionService service = open()) {
            service.create("small", params(8, new OptimizerSettings(0.2, 5000)));
            upsertRounds(service, "small", 500, 4, new Random(2));
            service.create("low", params(8, new OptimizerSettings(0.9, 100)));
            upsertRounds(service, "low", 500, 4, new Random(3));
            Thread.sleep(300);
            assertEquals(List.of(), rebuilds);
            assertEquals(2000, service.info("small").storedVectorsCount());
            assertEquals(2000, service.info("low").storedVectorsCount());
        }
    }

    @Test
    void changingMRebuildsTheShardsWithTheNewSetting() throws Exception {
        try (LocalCollectionService service = open()) {
            service.create("m", params(8, new OptimizerSettings(0.9, 100)));
            upsertRounds(service, "m", 500, 1, new Random(4));
            List<String> contents = everything(service, "m");
            service.update("m", new CollectionParamsUpdate(null, null, 16, null, null));
            await(() -> rebuilds.size() == 2 && !service.info("m").optimizing(), "both shards are rebuilt");
            assertEquals(contents, everything(service, "m"));
            service.update("m", new CollectionParamsUpdate(null, null, null, null, null, 0.5, 300));
            assertEquals(new OptimizerSettings(0.5, 300), service.info("m").params().optimizers());
            Thread.sleep(200);
            assertEquals(2, rebuilds.size(), "optimizer settings alone do not force a rebuild");
        }
    }

    @Test
    void aChangedMThatARestartOvertookStillRebuildsFromTheLoadedGraphsM() throws Exception {
        List<String> contents;
        try (LocalCollectionService service = open(true)) {
            service.create("late", params(8, new OptimizerSettings(0.9, 100)));
            upsertRounds(service, "late", 300, 1, new Random(6));
            contents = everything(service, "late");
        }
        // As if a PATCH to m = 16 reached the catalog and the node stopped before the optimizer ran:
        // the checkpoints still hold graphs built with m = 8.
        ObjectMapper json = new ObjectMapper();
        Path file = root.resolve(CollectionCatalog.FILE);
        ObjectNode catalog = (ObjectNode) json.readTree(file.toFile());
        ((ObjectNode) catalog.get("collections").get(0).get("params")).put("m", 16);
        json.writeValue(file.toFile(), catalog);
        try (LocalCollectionService reopened = open(true)) {
            await(() -> rebuilds.size() == 2 && !reopened.info("late").optimizing(), "both shards are rebuilt with m = 16");
            assertEquals(contents, everything(reopened, "late"));
        }
        rebuilds.clear();
        try (LocalCollectionService again = open(true)) {
            Thread.sleep(300);
            assertEquals(List.of(), rebuilds, "the rebuilt graphs have m = 16: nothing is due any more");
        }
    }

    @Test
    void aCatalogWrittenBeforeOptimizerSettingsLoadsWithQdrantsDefaults() throws Exception {
        try (LocalCollectionService service = open()) {
            service.create("old", params(8, new OptimizerSettings(0.5, 300)));
            upsertRounds(service, "old", 50, 1, new Random(5));
        }
        ObjectMapper json = new ObjectMapper();
        Path file = root.resolve(CollectionCatalog.FILE);
        ObjectNode catalog = (ObjectNode) json.readTree(file.toFile());
        ObjectNode params = (ObjectNode) catalog.get("collections").get(0).get("params");
        assertTrue(params.has("optimizers"), params.toString());
        params.remove("optimizers");
        json.writeValue(file.toFile(), catalog);
        try (LocalCollectionService reopened = open()) {
            assertEquals(OptimizerSettings.DEFAULTS, reopened.info("old").params().optimizers());
            assertEquals(50, reopened.info("old").pointsCount());
        }
    }
}
