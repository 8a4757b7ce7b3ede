package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.shard.CheckpointResult;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shards are checkpointed in the background by log size and by time, and only when something changed. */
class CheckpointPolicyTest {

    @TempDir
    Path root;

    private final List<String> written = new CopyOnWriteArrayList<>();

    private LocalCollectionService open(long logBytes, Duration interval) throws Exception {
        StorageSettings settings = new StorageSettings(root, WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER),
                logBytes, interval, false);
        LocalCollectionService service = LocalCollectionService.open(VectorKernelsProvider.fromSystemProperty(),
                settings, new StorageEvents() {
                    @Override
                    public void checkpointWritten(String collection, int shard, CheckpointResult result) {
                        written.add(collection + "/" + shard + "@" + result.sequence());
                    }
                });
        service.loaded().toCompletableFuture().get(1, TimeUnit.MINUTES);
        return service;
    }

    private void awaitCheckpoints(int count) throws InterruptedException {
        for (int i = 0; i < 200 && written.size() < count; i++) {
            Thread.sleep(25);
        }
    }

    private long checkpointFiles() throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".checkpoint")).count();
        }
    }

    @Test
    void logSizeTriggersACheckpointOfTheShardsThatGrew() throws Exception {
        try (LocalCollectionService service = open(4096, Duration.ofHours(1))) {
            service.create("c", Collections.params(8, Distance.DOT, 2, 100));
            service.create("idle", Collections.params(8, Distance.DOT, 1, 100));
            service.upsert("c", Collections.randomPoints(200, 8, new Random(1)));
            awaitCheckpoints(2);
            Thread.sleep(100);
            assertEquals(List.of("c/0@1", "c/1@1"), written.stream().sorted().toList());
            assertEquals(2, checkpointFiles());
        }
    }

    @Test
    void timeTriggersACheckpointOnlyAfterWrites() throws Exception {
        try (LocalCollectionService service = open(1L << 30, Duration.ofMillis(50))) {
            service.create("c", Collections.params(8, Distance.DOT, 1, 100));
            Thread.sleep(200);
            assertTrue(written.isEmpty(), "nothing to save: " + written);
            service.upsert("c", Collections.randomPoints(5, 8, new Random(2)));
            awaitCheckpoints(1);
            assertEquals(List.of("c/0@1"), written);
            Thread.sleep(200);
            assertEquals(1, written.size(), "no new checkpoint without new writes");
        }
    }
}
