package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings Qdrant clients give a collection (WAL, HNSW and optimizer members, strict mode,
 * metadata) are kept in the catalog across restarts; catalogs written before they existed load
 * with the defaults; the WAL capacity is the collection's log segment size.
 */
class QdrantSettingsDurabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private LocalCollectionService open() throws Exception {
        WalOptions wal = WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER);
        LocalCollectionService service = LocalCollectionService.open(VectorKernelsProvider.fromSystemProperty(),
                new StorageSettings(root, wal, 64L << 20, Duration.ofMinutes(5), false), StorageEvents.NONE);
        service.loaded().toCompletableFuture().get(1, TimeUnit.MINUTES);
        return service;
    }

    private static CollectionParams params(OptimizerSettings optimizers, CollectionSettings settings) {
        return new CollectionParams(4, Distance.DOT, 2, 1, 1, 16, 100, 10, optimizers, settings);
    }

    private static CollectionSettings settings() {
        ObjectNode metadata = JSON.createObjectNode().put("owner", "search").put("tier", 1);
        StrictModeConfig strict = new StrictModeConfig(true, 50, null, false, null, 128, null, null, 500, null, null,
                null, null, 10_000L, null, null, null, null, null);
        return new CollectionSettings(true, new HnswSettings(2, true, 4), new WalSettings(2, 1, 2), strict, metadata);
    }

    @Test
    void settingsAndTheirChangesSurviveARestart() throws Exception {
        OptimizerSettings optimizers = new OptimizerSettings(0.3, 200, 2, 100_000, null, 20_000, 10, 1, false);
        CollectionParams expected;
        try (LocalCollectionService service = open()) {
            service.create("s", params(optimizers, settings()));
            ObjectNode change = JSON.createObjectNode().put("tier", 2).put("region", "eu");
            StrictModeConfig strictChange = new StrictModeConfig(null, 20, 3, null, null, null, false, null, null, null,
                    null, null, null, null, null, null, null, null, null);
            service.update("s", new CollectionParamsUpdate(null, null, null, null, null, null, null,
                    new CollectionSettingsUpdate(false, 6, null, null, new OptimizerSettings.OptimizersDiff(null, null,
                            null, null, 30_000, null, null, null, true), strictChange, change)));
            expected = service.info("s").params();
            assertEquals("{\"owner\":\"search\",\"tier\":2,\"region\":\"eu\"}", expected.settings().metadata().toString(),
                    "metadata merged key by key");
            StrictModeConfig strict = expected.settings().strictMode();
            assertEquals(20, strict.maxQueryLimit());
            assertEquals(128, strict.searchMaxHnswEf(), "members the change leaves out are kept");
            assertEquals(false, strict.searchAllowExact());
            assertEquals(30_000, expected.optimizers().memmapThreshold());
            assertEquals(20_000, expected.optimizers().indexingThreshold());
            assertEquals(new HnswSettings(6, true, 4), expected.settings().hnsw());
            assertEquals(false, expected.settings().onDiskPayload());
        }
        try (LocalCollectionService service = open()) {
            assertEquals(expected, service.info("s").params());
        }
    }

    /** A catalog exactly as written before these settings existed: it loads, with Qdrant's defaults. */
    @Test
    void aCatalogInThePreviousFormatLoadsWithTheDefaults() throws Exception {
        try (LocalCollectionService service = open()) {
            service.create("old", Collections.params(4, Distance.COSINE, 2, 10));
            service.upsert("old", Collections.randomPoints(7, 4, new Random(3)));
        }
        Path catalog = root.resolve(CollectionCatalog.FILE);
        String directory = JSON.readTree(catalog.toFile()).get("collections").get(0).get("directory").asText();
        Files.writeString(catalog, """
                {
                  "format" : 1,
                  "collections" : [ {
                    "name" : "old",
                    "directory" : "%s",
                    "params" : {
                      "vectorSize" : 4,
                      "distance" : "COSINE",
                      "shardNumber" : 2,
                      "replicationFactor" : 1,
                      "writeConsistencyFactor" : 1,
                      "m" : 16,
                      "efConstruct" : 100,
                      "fullScanThreshold" : 10,
                      "optimizers" : {
                        "deletedThreshold" : 0.25,
                        "vacuumMinVectorNumber" : 300
                      }
                    }
                  } ],
                  "aliases" : { }
                }
                """.formatted(directory));
        try (LocalCollectionService service = open()) {
            CollectionParams p = service.info("old").params();
            assertEquals(7, service.count("old", null));
            assertEquals(new OptimizerSettings(0.25, 300), p.optimizers());
            assertEquals(CollectionSettings.DEFAULTS, p.settings());
            assertEquals(StrictModeConfig.DISABLED, p.settings().effectiveStrictMode());
            assertNull(p.quantization(), "a catalog without quantization loads as none");
            service.update("old", new CollectionParamsUpdate(null, null, null, null, null, null, null,
                    new CollectionSettingsUpdate(null, null, null, null, null, null, JSON.createObjectNode().put("a", 1))));
        }
        try (LocalCollectionService service = open()) {
            assertEquals("{\"a\":1}", service.info("old").params().settings().metadata().toString(),
                    "settings given to an old collection are kept");
        }
    }

    @Test
    void walCapacityIsTheCollectionsLogSegmentSize() throws Exception {
        CollectionSettings oneMib = new CollectionSettings(false, null, new WalSettings(1, 0, null), null, null);
        try (LocalCollectionService service = open()) {
            service.create("small", new CollectionParams(256, Distance.DOT, 1, 1, 1, 0, 100, 10, null, oneMib));
            service.create("node", new CollectionParams(256, Distance.DOT, 1, 1, 1, 0, 100, 10));
            Random rnd = new Random(5);
            for (int i = 0; i < 6; i++) {
                // About 0.5 MiB per request: 500 points of 256 floats.
                service.upsert("small", Collections.randomPoints(500, 256, rnd));
                service.upsert("node", Collections.randomPoints(500, 256, rnd));
            }
            // Closed segments may already be gone (a checkpoint covers them); the names tell where each began.
            List<Path> small = walSegments("small");
            assertTrue(small.stream().allMatch(f -> f.toFile().length() <= 1 << 20), "1 MiB segments: " + small);
            assertTrue(firstSequence(small.get(small.size() - 1)) > 1, "the small log rolled: " + small);
            List<Path> node = walSegments("node");
            assertEquals(1, node.size(), "the node's 64 MiB segment holds all 3 MiB: " + node);
            assertEquals(1, firstSequence(node.get(0)));
            assertTrue(node.get(0).toFile().length() > 3_000_000, node.toString());
        }
    }

    private List<Path> walSegments(String name) throws Exception {
        String directory = null;
        for (var entry : JSON.readTree(root.resolve(CollectionCatalog.FILE).toFile()).get("collections")) {
            if (entry.get("name").asText().equals(name)) {
                directory = entry.get("directory").asText();
            }
        }
        Path wal = root.resolve(CollectionCatalog.COLLECTIONS).resolve(directory).resolve(LocalShards.SHARDS)
                .resolve("0").resolve("wal");
        try (Stream<Path> files = Files.list(wal)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".wal")).sorted().toList();
        }
    }

    private static long firstSequence(Path segment) {
        String file = segment.getFileName().toString();
        return Long.parseLong(file.substring(0, file.length() - ".wal".length()));
    }
}
