package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.WalOptions;
import io.vjvector.error.VJVectorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a storage key, no payload text and no vector bytes appear in any file of the data
 * directory, in the log or in checkpoints; without it they do (so the search below can find them).
 */
class EncryptionAtRestTest {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String OTHER_KEY = "HxwdHhscGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";
    private static final String MARKER = "confidential-payload-7f3a";
    /** Distinctive values; Euclid stores vectors as given, so these exact bytes would be on disk. */
    private static final float[] VECTOR = {1234.5678f, -8765.4321f, 31415.927f, 42.4242f};

    @TempDir
    Path temp;

    private static LocalCollectionService open(Path root, EncryptionKeys keys, boolean checkpointOnClose) throws Exception {
        WalOptions wal = WalOptions.defaults().withFsyncPolicy(FsyncPolicy.NEVER).withKeys(keys);
        LocalCollectionService service = LocalCollectionService.open(VectorKernelsProvider.fromSystemProperty(),
                new StorageSettings(root, wal, 64L << 20, Duration.ofMinutes(5), checkpointOnClose), StorageEvents.NONE);
        service.loaded().toCompletableFuture().get(1, TimeUnit.MINUTES);
        return service;
    }

    private static List<PointStruct> secrets(int from, int count) {
        List<PointStruct> points = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            points.add(new PointStruct(PointId.of(i), VECTOR.clone(),
                    JsonNodeFactory.instance.objectNode().put("note", MARKER + " #" + i)));
        }
        return points;
    }

    /** Checkpoints (written at close) hold the first batch, the log the second. */
    private static void fill(Path root, EncryptionKeys keys) throws Exception {
        try (LocalCollectionService service = open(root, keys, true)) {
            service.create("secret", new CollectionParams(4, Distance.EUCLID, 2, 1, 1, 16, 100, 0));
            service.upsert("secret", secrets(0, 10));
            service.setPayload("secret", JsonNodeFactory.instance.objectNode().put("more", MARKER),
                    PointSelector.ids(List.of(PointId.of(1))), null);
        }
        try (LocalCollectionService service = open(root, keys, false)) {
            service.upsert("secret", secrets(10, 10));
        }
    }

    private static List<byte[]> needles() {
        List<byte[]> needles = new ArrayList<>();
        needles.add(MARKER.getBytes(StandardCharsets.UTF_8));
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (int i = 0; i + 1 < VECTOR.length; i++) {
                needles.add(ByteBuffer.allocate(8).order(order).putFloat(VECTOR[i]).putFloat(VECTOR[i + 1]).array());
            }
        }
        return needles;
    }

    /** Files under {@code root} containing any needle. */
    private static List<String> filesContainingPlaintext(Path root) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(file);
                for (byte[] needle : needles()) {
                    if (indexOf(content, needle) >= 0) {
                        hits.add(root.relativize(file).toString());
                        break;
                    }
                }
            }
        }
        return hits;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void withoutAKeyPayloadsAndVectorsAreOnDiskInPlaintext() throws Exception {
        Path root = temp.resolve("plain");
        fill(root, EncryptionKeys.none());
        List<String> hits = filesContainingPlaintext(root);
        assertTrue(hits.stream().anyMatch(f -> f.endsWith(".wal")), hits.toString());
        assertTrue(hits.stream().anyMatch(f -> f.endsWith(".checkpoint")), hits.toString());
    }

    @Test
    void withAKeyNoFileHoldsPayloadTextOrVectorBytes() throws Exception {
        Path root = temp.resolve("encrypted");
        EncryptionKeys keys = EncryptionKeys.of("key-1", KEY);
        fill(root, keys);
        try (Stream<Path> files = Files.walk(root)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".wal")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".checkpoint")), names.toString());
        }
        assertEquals(List.of(), filesContainingPlaintext(root));
        try (LocalCollectionService service = open(root, keys, false)) {
            assertEquals(20, service.count("secret", null));
            assertEquals(MARKER, service.retrieve("secret", List.of(PointId.of(1)), WithPayload.ALL, false)
                    .get(0).payload().get("more").asText());
        }
    }

    @Test
    void aWrongOrMissingKeyFailsTheCollectionNamingTheKeyIdItNeeds() throws Exception {
        Path root = temp.resolve("keys");
        fill(root, EncryptionKeys.of("key-1", KEY));
        for (EncryptionKeys wrong : List.of(EncryptionKeys.none(), EncryptionKeys.of("key-1", OTHER_KEY),
                EncryptionKeys.of("key-2", OTHER_KEY))) {
            try (LocalCollectionService service = open(root, wrong, false)) {
                VJVectorException e = assertThrows(VJVectorException.class, () -> service.count("secret", null));
                assertTrue(e.getMessage().contains("'key-1'"), e.getMessage());
                assertEquals(List.of("secret"), List.copyOf(service.failedCollections().keySet()));
            }
        }
        EncryptionKeys rotated = EncryptionKeys.of("key-2", Map.of("key-1", KEY, "key-2", OTHER_KEY));
        try (LocalCollectionService service = open(root, rotated, false)) {
            assertEquals(20, service.count("secret", null));
            assertFalse(service.failedCollections().containsKey("secret"));
        }
    }
}
