package io.vjvector.engine.storage;

import static io.vjvector.engine.storage.WalFixture.KEY_1;
import static io.vjvector.engine.storage.WalFixture.KEY_2;
import static io.vjvector.engine.storage.WalFixture.appendRandom;
import static io.vjvector.engine.storage.WalFixture.keyIdOf;
import static io.vjvector.engine.storage.WalFixture.locations;
import static io.vjvector.engine.storage.WalFixture.readAll;
import static io.vjvector.engine.storage.WalFixture.segmentFiles;
import static io.vjvector.engine.storage.WalFixture.smallSegments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalEncryptionTest {

    private static final EncryptionKeys K1 = EncryptionKeys.of("k1", KEY_1);
    private static final EncryptionKeys K2_READS_K1 = EncryptionKeys.of("k2", Map.of("k1", KEY_1, "k2", KEY_2));

    @TempDir(factory = TmpfsTempDir.class)
    Path dir;

    @Test
    void encryptedRecordsRoundTripAcrossSegmentsAndReopen() throws Exception {
        List<WalRecord> written;
        try (Wal wal = Wal.open(dir, smallSegments().withKeys(K1))) {
            written = appendRandom(wal, new Random(41), 300, 200);
            assertEquals(written, readAll(wal));
        }
        assertTrue(segmentFiles(dir).size() > 3);
        for (Path segment : segmentFiles(dir)) {
            assertEquals("k1", keyIdOf(segment));
        }
        try (Wal wal = Wal.open(dir, smallSegments().withKeys(K1))) {
            assertEquals(written, readAll(wal));
        }
    }

    @Test
    void missingKeyFailsNamingTheKeyIdNeeded() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments().withKeys(K1))) {
            appendRandom(wal, new Random(42), 10, 10);
        }
        StorageKeyException none = assertThrows(StorageKeyException.class, () -> Wal.open(dir, smallSegments()));
        assertEquals("k1", none.keyId());
        assertTrue(none.getMessage().contains("'k1'") && none.getMessage().contains("not configured"), none.getMessage());
        StorageKeyException other = assertThrows(StorageKeyException.class,
                () -> Wal.open(dir, smallSegments().withKeys(EncryptionKeys.of("k2", KEY_2))));
        assertTrue(other.getMessage().contains("'k1'"), other.getMessage());
    }

    @Test
    void wrongKeyUnderTheRightIdFailsClearly() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments().withKeys(K1))) {
            appendRandom(wal, new Random(43), 10, 10);
        }
        StorageKeyException e = assertThrows(StorageKeyException.class,
                () -> Wal.open(dir, smallSegments().withKeys(EncryptionKeys.of("k1", KEY_2))));
        assertEquals("k1", e.keyId());
        assertTrue(e.getMessage().contains("does not decrypt"), e.getMessage());
    }

    @Test
    void plaintextLogOpensWithOrWithoutKeysAndNewSegmentsAreEncrypted() throws Exception {
        List<WalRecord> written;
        try (Wal wal = Wal.open(dir, smallSegments())) {
            written = new ArrayList<>(appendRandom(wal, new Random(44), 100, 100));
        }
        int plainSegments = segmentFiles(dir).size();
        try (Wal wal = Wal.open(dir, smallSegments().withKeys(K1))) {
            assertEquals(written, readAll(wal));
            written.addAll(appendRandom(wal, new Random(45), 100, 100));
        }
        List<Path> segments = segmentFiles(dir);
        for (int i = 0; i < segments.size(); i++) {
            assertEquals(i < plainSegments ? null : "k1", keyIdOf(segments.get(i)), segments.get(i).toString());
        }
        try (Wal wal = Wal.open(dir, smallSegments().withKeys(K1))) {
            assertEquals(written, readAll(wal));
        }
    }

    @Test
    void rotationReadsOldSegmentsWithThePreviousKeyAndWritesWithTheCurrent() throws Exception {
        List<WalRecord> written;
        try (Wal wal = Wal.open(dir, smallSegments().withKeys(K1))) {
            written = new ArrayList<>(appendRandom(wal, new Random(46), 150, 150));
        }
        List<Path> k1Segments = segmentFiles(dir);
        long firstK2Sequence;
        try (Wal wal = Wal.open(dir, smallSegments().withKeys(K2_READS_K1))) {
            firstK2Sequence = wal.lastSequence() + 1;
            written.addAll(appendRandom(wal, new Random(47), 150, 150));
            assertEquals(written, readAll(wal));
        }
        for (Path segment : segmentFiles(dir)) {
            boolean old = k1Segments.contains(segment);
            assertEquals(old ? "k1" : "k2", keyIdOf(segment), segment.toString());
        }
        StorageKeyException e = assertThrows(StorageKeyException.class,
                () -> Wal.open(dir, smallSegments().withKeys(EncryptionKeys.of("k2", KEY_2))));
        assertEquals("k1", e.keyId());
        // Once a checkpoint has covered the k1 segments, the old key can go.
        try (Wal wal = Wal.open(dir, smallSegments().withKeys(K2_READS_K1))) {
            wal.truncateBefore(firstK2Sequence);
        }
        try (Wal wal = Wal.open(dir, smallSegments().withKeys(EncryptionKeys.of("k2", KEY_2)))) {
            assertEquals(written.subList((int) firstK2Sequence - 1, written.size()), readAll(wal));
        }
    }

    @Test
    void noPlaintextPayloadBytesAppearInAnyFile() throws Exception {
        Random random = new Random(48);
        List<byte[]> payloads = new ArrayList<>();
        try (Wal wal = Wal.open(dir, smallSegments().withKeys(K1))) {
            for (int i = 0; i < 200; i++) {
                byte[] payload = new byte[64];
                random.nextBytes(payload);
                if (i % 2 == 0) {
                    // Low-entropy, recognizable text as a shard's JSON payloads would be.
                    payload = ("{\"city\":\"Lisbon\",\"point\":" + i + ",\"note\":\"secret text\"}")
                            .getBytes(StandardCharsets.UTF_8);
                }
                payloads.add(payload);
                wal.writer().append(1, (byte) 0, payload);
            }
        }
        byte[] secret = "secret text".getBytes(StandardCharsets.UTF_8);
        // Control: the same search finds the text in a plaintext log.
        Path plain = dir.resolve("plain");
        try (Wal wal = Wal.open(plain, smallSegments())) {
            wal.writer().append(1, (byte) 0, payloads.get(0));
        }
        assertTrue(contains(Files.readAllBytes(segmentFiles(plain).get(0)), secret));
        for (Path file : segmentFiles(dir)) {
            byte[] content = Files.readAllBytes(file);
            assertFalse(contains(content, secret), file + " holds plaintext");
            for (byte[] payload : payloads) {
                // Any 12-byte window of any payload would betray plaintext.
                for (int at = 0; at + 12 <= payload.length; at += 4) {
                    byte[] window = Arrays.copyOfRange(payload, at, at + 12);
                    assertFalse(contains(content, window), file + " holds payload bytes");
                }
            }
        }
    }

    @Test
    void recordBodiesSwappedBetweenSequencesFailAuthentication() throws Exception {
        try (Wal wal = Wal.open(dir, smallSegments().withKeys(K1))) {
            for (int i = 0; i < 10; i++) {
                wal.writer().append(1, (byte) 0, new byte[32]);
            }
        }
        List<WalFixture.Location> records = locations(dir);
        WalFixture.Location a = records.get(3);
        WalFixture.Location b = records.get(6);
        Path file = a.file();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer first = read(channel, a);
            ByteBuffer second = read(channel, b);
            // Swap the encrypted bodies, keep each header, and fix the CRCs so only GCM can tell.
            ByteBuffer spliced = first.duplicate();
            spliced.put(RecordFormat.HEADER_BYTES, second, RecordFormat.HEADER_BYTES, a.length() - RecordFormat.HEADER_BYTES);
            spliced.putInt(RecordFormat.CRC_AT, RecordFormat.crc(spliced, 0, a.length()));
            channel.write(spliced.rewind(), a.offset());
        }
        try (Wal wal = Wal.open(dir, smallSegments().withKeys(K1)); WalReader reader = wal.reader(1)) {
            for (int i = 0; i < 3; i++) {
                reader.next();
            }
            WalCorruptedException e = assertThrows(WalCorruptedException.class, reader::next);
            assertTrue(e.getMessage().contains("authentication"), e.getMessage());
            assertEquals(a.offset(), e.offset());
        }
    }

    @Test
    void keysAreValidatedAndNeverPrinted() {
        assertThrows(IllegalArgumentException.class, () -> EncryptionKeys.of("k", "c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> EncryptionKeys.of("k", "not base64!"));
        assertThrows(IllegalArgumentException.class, () -> EncryptionKeys.of("k3", Map.of("k1", KEY_1)));
        assertFalse(K2_READS_K1.toString().contains(KEY_1));
        assertFalse(EncryptionKeys.of(null, Map.of("k1", KEY_1)).encrypts(), "a key set without a current key only reads");
    }

    private static ByteBuffer read(FileChannel channel, WalFixture.Location location) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(location.length());
        channel.read(buf, location.offset());
        return buf.flip();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
