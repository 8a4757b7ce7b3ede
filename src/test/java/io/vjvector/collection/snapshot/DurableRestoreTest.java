package io.vjvector.collection.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointSelector;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.StorageEvents;
import io.vjvector.collection.StorageSettings;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.Sealer;
import io.vjvector.engine.storage.WalOptions;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores into a data directory: the switch is atomic on disk and the result survives a restart. */
class DurableRestoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private LocalCollectionService open() throws Exception {
        WalOptions wal = WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER);
        LocalCollectionService service = LocalCollectionService.open(VectorKernelsProvider.fromSystemProperty(),
                new StorageSettings(root.resolve("data"), wal, 64L << 20, Duration.ofMinutes(5), false), StorageEvents.NONE);
        service.loaded().toCompletableFuture().get(1, TimeUnit.MINUTES);
        return service;
    }

    private CollectionSnapshots snapshots(LocalCollectionService service) {
        SnapshotStore store = new SnapshotStore(root.resolve("data").resolve("snapshots"));
        return new CollectionSnapshots(service, store, new SnapshotLocations(store, List.of()),
                new Sealer(EncryptionKeys.none()), JSON, Clock.systemUTC());
    }

    private static void upsert(LocalCollectionService service, String name, int from, int count, Random random) {
        List<PointStruct> points = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            float[] v = new float[8];
            for (int d = 0; d < v.length; d++) {
                v[d] = random.nextFloat();
            }
            points.add(new PointStruct(PointId.of(i), v, JSON.createObjectNode().put("i", i)));
        }
        service.upsert(name, points);
    }

    private static List<String> everything(LocalCollectionService service, String name) {
        List<String> out = new ArrayList<>();
        for (PointRecord r : service.scroll(name, new ScrollRequest(null, 10_000, null, WithPayload.ALL, true)).points()) {
            out.add(r.id() + " " + r.payload() + " " + Arrays.toString(r.vector()));
        }
        return out;
    }

    private List<Path> collectionDirectories() throws Exception {
        try (Stream<Path> dirs = Files.list(root.resolve("data").resolve("collections"))) {
            return dirs.toList();
        }
    }

    @Test
    void restoreReplacesTheCollectionOnDiskAndSurvivesARestart() throws Exception {
        Random random = new Random(1);
        List<String> atSnapshot;
        String name;
        try (LocalCollectionService service = open()) {
            service.create("c", new CollectionParams(8, Distance.EUCLID, 2, 1, 1, 16, 100, 0));
            upsert(service, "c", 0, 300, random);
            atSnapshot = everything(service, "c");
            name = snapshots(service).create("c").name();
            upsert(service, "c", 300, 200, random);
            service.deletePoints("c", PointSelector.ids(List.of(PointId.of(1), PointId.of(2))));
            Path before = collectionDirectories().get(0);

            snapshots(service).recover("c", name, null, null);
            assertEquals(atSnapshot, everything(service, "c"));
            assertEquals(1, collectionDirectories().size());
            assertFalse(collectionDirectories().contains(before), "the replaced collection's files are removed");
            upsert(service, "c", 1000, 5, random);
        }
        try (LocalCollectionService service = open()) {
            assertEquals(305, service.count("c", null));
            assertEquals(atSnapshot, everything(service, "c").subList(0, 300));
        }
    }

    @Test
    void restoreBringsBackACollectionThatFailedToLoad() throws Exception {
        Random random = new Random(2);
        List<String> atSnapshot;
        String name;
        try (LocalCollectionService service = open()) {
            service.create("f", new CollectionParams(8, Distance.DOT, 1, 1, 1, 16, 100, 0));
            upsert(service, "f", 0, 20, random);
            upsert(service, "f", 20, 20, random);
            atSnapshot = everything(service, "f");
            name = snapshots(service).create("f").name();
        }
        Path segment;
        try (Stream<Path> files = Files.walk(root.resolve("data").resolve("collections"))) {
            segment = files.filter(f -> f.toString().endsWith(".wal")).findFirst().orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(200);
            int b = f.read();
            f.seek(200);
            f.write(b ^ 0x10);
        }
        try (LocalCollectionService service = open()) {
            assertEquals(ErrorKind.UNAVAILABLE, assertThrows(VJVectorException.class, () -> service.count("f", null)).kind());
            snapshots(service).recover("f", name, null, null);
            assertEquals(atSnapshot, everything(service, "f"));
            assertTrue(service.failedCollections().isEmpty());
        }
        try (LocalCollectionService service = open()) {
            assertEquals(atSnapshot, everything(service, "f"));
        }
    }
}
