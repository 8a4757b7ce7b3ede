package io.vjvector.ops;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vjvector.collection.AliasAction;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.StorageEvents;
import io.vjvector.collection.StorageSettings;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.storage.DirectoryTree;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The data directory a previous run of the node left behind, written with the same engine the
 * application runs: {@code kept} (two shards, partly checkpointed, partly only in the log),
 * {@code torn} (its last log record cut in half, as a crash mid-write leaves it) and
 * {@code broken} (a flipped byte in its first log record, followed by valid records); {@code kept}
 * has the alias {@link #KEPT_ALIAS}.
 */
public class PreviousRunData implements QuarkusTestResourceLifecycleManager {

    static final int KEPT = 120;
    static final int TORN_SURVIVING = 30;
    /** An alias of "kept". */
    static final String KEPT_ALIAS = "kept_alias";

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("vjvector-previous-run");
            write();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("vjvector.storage.path", directory.toString(), "vjvector.storage.fsync", "never");
    }

    private LocalCollectionService open(boolean checkpointOnClose) throws Exception {
        StorageSettings settings = new StorageSettings(directory, WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER),
                64L << 20, Duration.ofMinutes(5), checkpointOnClose);
        LocalCollectionService service = LocalCollectionService.open(VectorKernelsProvider.fromSystemProperty(),
                settings, StorageEvents.NONE);
        service.loaded().toCompletableFuture().get();
        return service;
    }

    private void write() throws Exception {
        try (LocalCollectionService service = open(true)) {
            service.create("kept", params(2));
            service.upsert("kept", points(0, 100));
            service.updateAliases(List.of(new AliasAction.Create("kept", KEPT_ALIAS)));
        }
        long tornRecordStart;
        long tornRecordEnd;
        try (LocalCollectionService service = open(false)) {
            service.upsert("kept", points(100, KEPT));
            service.create("torn", params(1));
            service.upsert("torn", points(0, TORN_SURVIVING));
            tornRecordStart = Files.size(segment("torn"));
            service.upsert("torn", points(TORN_SURVIVING, 40));
            tornRecordEnd = Files.size(segment("torn"));
            service.create("broken", params(1));
            service.upsert("broken", points(0, 10));
            service.upsert("broken", points(10, 20));
        }
        try (RandomAccessFile f = new RandomAccessFile(segment("torn").toFile(), "rw")) {
            f.setLength((tornRecordStart + tornRecordEnd) / 2);
        }
        try (RandomAccessFile f = new RandomAccessFile(segment("broken").toFile(), "rw")) {
            f.seek(200);
            int b = f.read();
            f.seek(200);
            f.write(b ^ 0x10);
        }
    }

    private static CollectionParams params(int shards) {
        return new CollectionParams(4, Distance.EUCLID, shards, 1, 1, 16, 100, 10_000);
    }

    private static List<PointStruct> points(int from, int to) {
        List<PointStruct> points = new ArrayList<>();
        for (int i = from; i < to; i++) {
            points.add(new PointStruct(PointId.of(i), new float[] {i, 0, 0, 0},
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("n", i)));
        }
        return points;
    }

    /** The (only) log segment of a one-shard collection. */
    Path segment(String collection) throws IOException {
        try (Stream<Path> files = Files.walk(directory.resolve("collections"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".wal")
                    && directory.relativize(f).toString().startsWith("collections/" + collection + "-")).findFirst()
                    .orElseThrow();
        }
    }

    @Override
    public void stop() {
        try {
            DirectoryTree.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
