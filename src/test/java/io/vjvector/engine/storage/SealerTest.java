package io.vjvector.engine.storage;

import static io.vjvector.engine.storage.WalFixture.KEY_1;
import static io.vjvector.engine.storage.WalFixture.KEY_2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SealerTest {

    private static final int CHUNK = 1024;
    private static final EncryptionKeys K1 = EncryptionKeys.of("k1", KEY_1);

    @TempDir
    Path dir;

    private static Sealer sealer(boolean encrypted) {
        return new Sealer(encrypted ? K1 : EncryptionKeys.none(), CHUNK);
    }

    private static byte[] seal(Sealer sealer, byte[] plain) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = sealer.seal(sink)) {
            // Odd write sizes cross chunk boundaries at every position.
            for (int at = 0; at < plain.length; at += 333) {
                out.write(plain, at, Math.min(333, plain.length - at));
            }
        }
        return sink.toByteArray();
    }

    private static byte[] unseal(Sealer sealer, byte[] sealed) throws IOException {
        try (InputStream in = sealer.unseal(new ByteArrayInputStream(sealed), "test")) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void roundTripsEveryLengthAroundChunkBoundaries(boolean encrypted) throws IOException {
        for (int length : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 5 * CHUNK + 7}) {
            byte[] plain = random(length, length);
            assertArrayEquals(plain, unseal(sealer(encrypted), seal(sealer(encrypted), plain)), "length " + length);
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void cutShortStreamIsRefusedAtEveryLength(boolean encrypted) throws IOException {
        byte[] sealed = seal(sealer(encrypted), random(3 * CHUNK + 100, 1));
        for (int length = 0; length < sealed.length; length += 7) {
            byte[] cut = Arrays.copyOf(sealed, length);
            assertThrows(CorruptedStorageException.class, () -> unseal(sealer(encrypted), cut), "length " + length);
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void reorderedOrDroppedChunksAreRefused(boolean encrypted) throws IOException {
        byte[] sealed = seal(sealer(encrypted), random(4 * CHUNK + 10, 2));
        int header = sealed.length - chunkBytes(encrypted, 4 * CHUNK + 10);
        int chunk = 4 + CHUNK + (encrypted ? Gcm.OVERHEAD : 4);
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, header, swapped, header + chunk, chunk);
        System.arraycopy(sealed, header + chunk, swapped, header, chunk);
        assertThrows(CorruptedStorageException.class, () -> unseal(sealer(encrypted), swapped));
        byte[] dropped = new byte[sealed.length - chunk];
        System.arraycopy(sealed, 0, dropped, 0, header);
        System.arraycopy(sealed, header + chunk, dropped, header, sealed.length - header - chunk);
        assertThrows(CorruptedStorageException.class, () -> unseal(sealer(encrypted), dropped));
        byte[] trailing = Arrays.copyOf(sealed, sealed.length + 1);
        assertThrows(CorruptedStorageException.class, () -> unseal(sealer(encrypted), trailing));
    }

    private static int chunkBytes(boolean encrypted, int plainLength) {
        int chunks = plainLength / CHUNK + 1;
        return plainLength + chunks * (4 + (encrypted ? Gcm.OVERHEAD : 4));
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void anyDamagedByteIsRefusedNeverReturned(boolean encrypted) throws IOException {
        long seed = Long.getLong("vjvector.test.seed", System.nanoTime());
        System.out.println("anyDamagedByteIsRefusedNeverReturned encrypted=" + encrypted + " seed=" + seed);
        Random random = new Random(seed);
        byte[] plain = random(3 * CHUNK + 50, 3);
        byte[] sealed = seal(sealer(encrypted), plain);
        for (int trial = 0; trial < 300; trial++) {
            byte[] damaged = sealed.clone();
            int at = random.nextInt(damaged.length);
            damaged[at] ^= (byte) (1 + random.nextInt(255));
            String where = "seed=" + seed + " offset=" + at;
            assertThrows(CorruptedStorageException.class, () -> unseal(sealer(encrypted), damaged), where);
        }
    }

    @Test
    void missingOrWrongKeyNamesTheKeyId() throws IOException {
        byte[] sealed = seal(sealer(true), random(100, 4));
        StorageKeyException missing = assertThrows(StorageKeyException.class,
                () -> unseal(new Sealer(EncryptionKeys.none()), sealed));
        assertEquals("k1", missing.keyId());
        StorageKeyException wrong = assertThrows(StorageKeyException.class,
                () -> unseal(new Sealer(EncryptionKeys.of("k1", KEY_2)), sealed));
        assertTrue(wrong.getMessage().contains("'k1'"), wrong.getMessage());
        byte[] rotated = unseal(new Sealer(EncryptionKeys.of("k2", Map.of("k1", KEY_1, "k2", KEY_2))), sealed);
        assertArrayEquals(random(100, 4), rotated);
    }

    @Test
    void plaintextOpensWithKeysConfigured() throws IOException {
        byte[] plain = random(5000, 5);
        assertArrayEquals(plain, unseal(sealer(true), seal(sealer(false), plain)));
    }

    @Test
    void encryptedOutputHoldsNoPlaintext() throws IOException {
        byte[] text = "vector payload: secret text, repeated. ".repeat(200).getBytes(StandardCharsets.UTF_8);
        byte[] needle = "secret text".getBytes(StandardCharsets.UTF_8);
        assertTrue(indexOf(seal(sealer(false), text), needle) >= 0, "control: plaintext mode keeps the text");
        assertEquals(-1, indexOf(seal(sealer(true), text), needle));
    }

    @Test
    void sealedFilesAreWrittenAtomicallyAndReadBack() throws IOException {
        Sealer sealer = new Sealer(K1);
        Path file = dir.resolve("checkpoint.bin");
        byte[] content = random(300_000, 6);
        sealer.writeFile(file, out -> out.write(content));
        try (InputStream in = sealer.openFile(file)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertFalse(Files.exists(dir.resolve("checkpoint.bin" + AtomicFile.TEMP_SUFFIX)));
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
}
