package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aliases resolve to their collection, change all or nothing, and are kept in the catalog across restarts. */
class CollectionAliasesTest {

    @TempDir
    Path root;

    private LocalCollectionService open() throws Exception {
        WalOptions wal = WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER).withKeys(EncryptionKeys.none());
        LocalCollectionService service = LocalCollectionService.open(VectorKernelsProvider.fromSystemProperty(),
                new StorageSettings(root, wal, 64L << 20, Duration.ofMinutes(5), false), StorageEvents.NONE);
        service.loaded().toCompletableFuture().get(1, TimeUnit.MINUTES);
        return service;
    }

    private static AliasAction create(String collection, String alias) {
        return new AliasAction.Create(collection, alias);
    }

    private static CollectionParams params() {
        return Collections.params(4, Distance.DOT, 2, 0);
    }

    @Test
    void aliasesAndTheirRemovalWithACollectionSurviveARestart() throws Exception {
        try (LocalCollectionService service = open()) {
            service.create("a", params());
            service.create("b", params());
            service.upsert("a", Collections.randomPoints(30, 4, new Random(1)));
            service.updateAliases(List.of(create("a", "prod"), create("b", "old"), create("b", "spare"),
                    new AliasAction.Rename("spare", "next")));
            service.delete("b");
            service.create("c", params());
            service.updateAliases(List.of(create("c", "staging")));
        }
        try (LocalCollectionService service = open()) {
            assertEquals(Map.of("prod", "a", "staging", "c"), service.aliases());
            assertEquals(30, service.count("prod", null));
            assertEquals(Map.of("prod", "a"), service.aliases("prod"));
        }
    }

    @Test
    void aCatalogWrittenBeforeAliasesLoads() throws Exception {
        try (LocalCollectionService service = open()) {
            service.create("old", params());
            service.upsert("old", Collections.randomPoints(5, 4, new Random(2)));
        }
        Path catalog = root.resolve(CollectionCatalog.FILE);
        ObjectMapper json = new ObjectMapper();
        ObjectNode content = (ObjectNode) json.readTree(catalog.toFile());
        content.remove("aliases");
        Files.writeString(catalog, json.writeValueAsString(content));
        try (LocalCollectionService service = open()) {
            assertEquals(Map.of(), service.aliases());
            assertEquals(5, service.count("old", null));
            service.updateAliases(List.of(create("old", "current")));
            assertEquals(5, service.count("current", null));
        }
    }

    @Test
    void aFailingActionLeavesEveryAliasAsItWas() {
        LocalCollectionService service = Collections.service();
        service.create("x", params());
        service.updateAliases(List.of(create("x", "kept")));
        VJVectorException e = assertThrows(VJVectorException.class, () -> service.updateAliases(List.of(
                create("x", "added"), new AliasAction.Delete("kept"), create("x", "x"))));
        assertEquals(ErrorKind.CONFLICT, e.kind());
        assertEquals("actions[2].create_alias.alias_name", e.field());
        e = assertThrows(VJVectorException.class, () -> service.updateAliases(List.of(
                new AliasAction.Delete("kept"), create("missing", "kept"))));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("actions[1].create_alias.collection_name", e.field());
        assertEquals(Map.of("kept", "x"), service.aliases());
        e = assertThrows(VJVectorException.class, () -> service.create("kept", params()));
        assertEquals(ErrorKind.CONFLICT, e.kind());
        assertEquals(List.of("x"), service.list());
    }

    @Test
    void readersNeverMissAnAliasSwappedBetweenCollections() throws Exception {
        LocalCollectionService service = Collections.service();
        service.create("blue", params());
        service.create("green", params());
        service.upsert("blue", Collections.randomPoints(3, 4, new Random(3)));
        service.upsert("green", Collections.randomPoints(7, 4, new Random(4)));
        service.updateAliases(List.of(create("blue", "live")));
        AtomicBoolean swapping = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (swapping.get()) {
                try {
                    long n = service.count("live", null);
                    if (n != 3 && n != 7) {
                        unexpected.add("count " + n);
                    }
                } catch (RuntimeException e) {
                    unexpected.add(e.toString());
                }
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 5_000; i++) {
                service.updateAliases(List.of(new AliasAction.Delete("live"), create(i % 2 == 0 ? "green" : "blue", "live")));
            }
        } finally {
            swapping.set(false);
            reader.join(60_000);
        }
        assertTrue(unexpected.isEmpty(), "reads during swaps: " + unexpected.stream().limit(5).toList());
        assertEquals(3, service.count("live", null));
    }
}
