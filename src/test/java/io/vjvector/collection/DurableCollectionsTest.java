package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.ShardRecovery;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collections in a data directory survive a restart; one damaged collection does not stop the others. */
class DurableCollectionsTest {

    @TempDir
    Path root;

    private final Map<String, ShardRecovery> opened = new ConcurrentHashMap<>();
    private final Map<String, Throwable> failed = new ConcurrentHashMap<>();

    private StorageSettings settings(EncryptionKeys keys, boolean checkpointOnClose) {
        WalOptions wal = WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER).withKeys(keys);
        return new StorageSettings(root, wal, 64L << 20, Duration.ofMinutes(5), checkpointOnClose);
    }

    private LocalCollectionService open(StorageSettings settings) throws Exception {
        LocalCollectionService service = LocalCollectionService.open(VectorKernelsProvider.fromSystemProperty(), settings,
                new StorageEvents() {
                    @Override
                    public void shardOpened(String collection, int shard, ShardRecovery recovery) {
                        opened.put(collection + "/" + shard, recovery);
                    }

                    @Override
                    public void collectionFailed(String collection, Throwable cause) {
                        failed.put(collection, cause);
                    }
                });
        service.loaded().toCompletableFuture().get(1, TimeUnit.MINUTES);
        return service;
    }

    private static List<String> everything(LocalCollectionService service, String name) {
        List<String> out = new ArrayList<>();
        for (PointRecord r : service.scroll(name, new ScrollRequest(null, 10_000, null, WithPayload.ALL, true)).points()) {
            out.add(r.id() + " " + r.payload() + " " + java.util.Arrays.toString(r.vector()));
        }
        return out;
    }

    @Test
    void collectionsSettingsPointsAndOperationIdsSurviveARestart() throws Exception {
        Random rnd = new Random(1);
        List<String> graph;
        List<String> flat;
        long lastOp;
        try (LocalCollectionService service = open(settings(EncryptionKeys.none(), false))) {
            service.create("graph", Collections.params(4, Distance.COSINE, 3, 0));
            service.create("flat", new CollectionParams(3, Distance.EUCLID, 1, 1, 1, 0, 100, 0));
            service.upsert("graph", Collections.randomPoints(300, 4, rnd));
            service.upsert("flat", Collections.randomPoints(50, 3, rnd));
            service.createFieldIndex("graph", "color", PayloadSchemaType.KEYWORD);
            service.setPayload("graph", Collections.json("{'tag':'x'}"), PointSelector.filter(
                    Collections.filter("{'must':[{'key':'color','match':{'value':'red'}}]}")), null);
            service.deletePoints("graph", PointSelector.ids(List.of(PointId.of(1), PointId.of(2))));
            service.update("graph", new CollectionParamsUpdate(null, null, null, 77, 5));
            lastOp = service.deletePoints("flat", PointSelector.ids(List.of(PointId.of(0)))).operationId();
            graph = everything(service, "graph");
            flat = everything(service, "flat");
            assertTrue(service.delete("flat") || true);
            service.create("flat", new CollectionParams(3, Distance.EUCLID, 1, 1, 1, 0, 100, 0));
            service.upsert("flat", Collections.randomPoints(50, 3, new Random(99)));
            service.deletePoints("flat", PointSelector.ids(List.of(PointId.of(0))));
            flat = everything(service, "flat");
        }
        try (LocalCollectionService service = open(settings(EncryptionKeys.none(), false))) {
            assertEquals(List.of("flat", "graph"), service.list());
            assertEquals(graph, everything(service, "graph"));
            assertEquals(flat, everything(service, "flat"));
            CollectionParams params = service.info("graph").params();
            assertEquals(77, params.efConstruct());
            assertEquals(5, params.fullScanThreshold());
            assertEquals(3, params.shardNumber());
            assertEquals(PayloadSchemaType.KEYWORD, service.info("graph").payloadSchema().get("color").type());
            assertEquals(298, service.count("graph", null));
            long op = service.upsert("graph", Collections.randomPoints(1, 4, rnd)).operationId();
            assertTrue(op > lastOp, "operation ids continue after a restart: " + op + " > " + lastOp);
            assertEquals(4, opened.size(), "3 + 1 shards opened");
            try (Stream<Path> dirs = Files.list(root.resolve(CollectionCatalog.COLLECTIONS))) {
                assertEquals(2, dirs.count(), "the deleted collection's files are gone");
            }
        }
    }

    @Test
    void damagedLogFailsOnlyItsCollectionWithFileAndOffset() throws Exception {
        Random rnd = new Random(2);
        try (LocalCollectionService service = open(settings(EncryptionKeys.none(), false))) {
            service.create("bad", Collections.params(4, Distance.DOT, 1, 0));
            service.create("good", Collections.params(4, Distance.DOT, 1, 0));
            service.upsert("bad", Collections.randomPoints(20, 4, rnd));
            service.upsert("bad", Collections.randomPoints(20, 4, rnd));
            service.upsert("good", Collections.randomPoints(20, 4, rnd));
        }
        Path segment;
        try (Stream<Path> files = Files.walk(root.resolve(CollectionCatalog.COLLECTIONS))) {
            segment = files.filter(f -> f.toString().contains("bad-") && f.toString().endsWith(".wal"))
                    .findFirst().orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(200);
            int b = f.read();
            f.seek(200);
            f.write(b ^ 0x10);
        }
        try (LocalCollectionService service = open(settings(EncryptionKeys.none(), false))) {
            assertEquals(List.of("bad", "good"), service.list());
            assertEquals(20, service.count("good", null));
            VJVectorException e = assertThrows(VJVectorException.class, () -> service.count("bad", null));
            assertEquals(ErrorKind.UNAVAILABLE, e.kind());
            assertTrue(e.getMessage().contains(segment.toString()) && e.getMessage().contains("offset"),
                    e.getMessage());
            assertTrue(service.failedCollections().containsKey("bad"));
            assertNotNull(failed.get("bad"));
            assertTrue(service.delete("bad"), "a failed collection can be deleted");
            assertFalse(Files.exists(segment));
        }
    }
}
