package io.vjvector.collection.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.OptimizerSettings;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.Sealer;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionSnapshotsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dir;

    private final LocalCollectionService service = new LocalCollectionService(VectorKernelsProvider.fromSystemProperty());

    private CollectionSnapshots snapshots(LocalCollectionService collections, EncryptionKeys keys) {
        SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"));
        return new CollectionSnapshots(collections, store, new SnapshotLocations(store, List.of()),
                new Sealer(keys, 256), JSON, Clock.systemUTC());
    }

    private static CollectionParams params(int shards) {
        return new CollectionParams(4, Distance.EUCLID, shards, 1, 1, 16, 100, 10_000);
    }

    private void fill(String name, int shards, int points, long seed) {
        service.create(name, params(shards));
        Random random = new Random(seed);
        List<PointStruct> batch = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            ObjectNode payload = JSON.createObjectNode().put("n", i).put("secret", "plaintext-marker-" + i);
            PointId id = i % 3 == 0 ? PointId.of(new UUID(seed, i)) : PointId.of(i);
            batch.add(new PointStruct(id, new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat(), i}, payload));
        }
        service.upsert(name, batch);
        service.createFieldIndex(name, "n", PayloadSchemaType.INTEGER);
    }

    private List<PointRecord> all(String name) {
        return service.scroll(name, new ScrollRequest(null, 100_000, null, WithPayload.ALL, true)).points();
    }

    private static void assertSamePoints(List<PointRecord> expected, List<PointRecord> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).id(), actual.get(i).id());
            assertEquals(expected.get(i).payload(), actual.get(i).payload());
            assertArrayEquals(expected.get(i).vector(), actual.get(i).vector());
        }
    }

    private Path snapshotFile(CollectionSnapshots snapshots, String collection) {
        SnapshotDescription d = snapshots.create(collection);
        return snapshots.file(collection, d.name());
    }

    @Test
    void restoresPointsPayloadsAndPayloadIndexesUnderAnotherName() {
        fill("src", 3, 200, 1);
        CollectionSnapshots snapshots = snapshots(service, EncryptionKeys.none());
        Path file = snapshotFile(snapshots, "src");
        snapshots.recoverUploaded("copy", file, null, null);
        assertSamePoints(all("src"), all("copy"));
        assertEquals(PayloadSchemaType.INTEGER, service.info("copy").payloadSchema().get("n").type());
        assertEquals(service.info("src").params(), service.info("copy").params());
    }

    @Test
    void restoresTheQdrantSettingsWithTheCollection() {
        service.create("settled", new CollectionParams(4, Distance.DOT, 2, 1, 1, 16, 100, 10,
                new OptimizerSettings(0.3, 200, 4, 50_000, null, 0, 9, 2, true), SnapshotManifestTest.everySetting()));
        CollectionSnapshots snapshots = snapshots(service, EncryptionKeys.none());
        snapshots.recoverUploaded("restored", snapshotFile(snapshots, "settled"), null, null);
        assertEquals(service.info("settled").params(), service.info("restored").params());
    }

    @Test
    void descriptionChecksumIsTheFilesSha256() throws Exception {
        fill("sum", 1, 10, 2);
        CollectionSnapshots snapshots = snapshots(service, EncryptionKeys.none());
        SnapshotDescription d = snapshots.create("sum");
        Path file = snapshots.file("sum", d.name());
        assertEquals(SnapshotStore.sha256Hex(file), d.checksum());
        assertEquals(Files.size(file), d.size());
        assertEquals(List.of(d.name()), snapshots.list("sum").stream().map(SnapshotDescription::name).toList());
        Files.delete(file.resolveSibling(d.name() + SnapshotStore.CHECKSUM_SUFFIX));
        assertEquals(d.checksum(), snapshots.list("sum").get(0).checksum(), "a lost checksum file is recomputed");
    }

    /** Positions to damage: every byte of the headers, then a seeded sample of the rest (each restore costs ms). */
    private static int[] positions(int length, Random random) {
        return java.util.stream.IntStream.concat(java.util.stream.IntStream.range(0, Math.min(length, 96)),
                random.ints(300, 0, length)).distinct().sorted().toArray();
    }

    /** A single-bit flip anywhere in the file is refused, and nothing is installed. */
    @Test
    void flippedBitsAnywhereAreRefusedAndChangeNothing() throws Exception {
        fill("flip", 2, 12, 3);
        fill("victim", 1, 5, 4);
        List<PointRecord> victim = all("victim");
        CollectionSnapshots snapshots = snapshots(service, EncryptionKeys.none());
        byte[] good = Files.readAllBytes(snapshotFile(snapshots, "flip"));
        Path damaged = dir.resolve("damaged.snapshot");
        Random random = new Random(5);
        for (int at : positions(good.length, random)) {
            byte[] bytes = good.clone();
            bytes[at] ^= (byte) (1 << random.nextInt(8));
            Files.write(damaged, bytes);
            int position = at;
            VJVectorException e = assertThrows(VJVectorException.class,
                    () -> snapshots.recoverUploaded("victim", damaged, null, null), "flip at byte " + position);
            assertEquals(ErrorKind.BAD_REQUEST, e.kind(), "flip at byte " + position);
        }
        assertSamePoints(victim, all("victim"));
    }

    @Test
    void truncationsAnywhereAreRefusedAndCreateNothing() throws Exception {
        fill("cut", 2, 12, 6);
        CollectionSnapshots snapshots = snapshots(service, EncryptionKeys.none());
        byte[] good = Files.readAllBytes(snapshotFile(snapshots, "cut"));
        Path damaged = dir.resolve("cut.snapshot");
        for (int length : positions(good.length, new Random(9))) {
            Files.write(damaged, Arrays.copyOf(good, length));
            int n = length;
            assertEquals(ErrorKind.BAD_REQUEST, assertThrows(VJVectorException.class,
                    () -> snapshots.recoverUploaded("never", damaged, null, null), "cut at " + n).kind());
        }
        assertFalse(service.exists("never"));
    }

    @Test
    void encryptedSnapshotsHideContentAndNeedTheirKey() throws Exception {
        fill("enc", 1, 20, 7);
        CollectionSnapshots sealed = snapshots(service, EncryptionKeys.of("k1", KEY));
        Path file = snapshotFile(sealed, "enc");
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("plaintext-marker"), "payloads must not be readable in an encrypted snapshot");

        LocalCollectionService other = new LocalCollectionService(VectorKernelsProvider.fromSystemProperty());
        VJVectorException e = assertThrows(VJVectorException.class,
                () -> snapshots(other, EncryptionKeys.none()).recoverUploaded("enc", file, null, null));
        assertEquals(ErrorKind.BAD_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("k1"), e.getMessage());
        assertFalse(other.exists("enc"));

        snapshots(other, EncryptionKeys.of("k1", KEY)).recoverUploaded("enc", file, null, null);
        assertEquals(20, other.count("enc", null));
    }

    @Test
    void snapshotsOutliveTheirCollectionAndUnknownOnesAreNotFound() {
        fill("gone", 1, 3, 8);
        CollectionSnapshots snapshots = snapshots(service, EncryptionKeys.none());
        SnapshotDescription d = snapshots.create("gone");
        service.delete("gone");
        assertEquals(1, snapshots.list("gone").size());
        snapshots.recover("gone", d.name(), d.checksum(), "no_sync");
        assertEquals(3, service.count("gone", null));
        for (String name : List.of("nope.snapshot", "../gone/" + d.name(), ".snapshot", d.name() + "x")) {
            assertEquals(ErrorKind.NOT_FOUND, assertThrows(VJVectorException.class,
                    () -> snapshots.file("gone", name), name).kind());
        }
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VJVectorException.class, () -> snapshots.list("never")).kind());
        snapshots.delete("gone", d.name());
        assertEquals(List.of(), snapshots.list("gone"));
    }
}
