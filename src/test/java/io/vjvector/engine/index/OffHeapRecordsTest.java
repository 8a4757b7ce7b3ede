package io.vjvector.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffHeapRecordsTest {

    private static final long SEED = Long.getLong("vjvector.offheap.seed", System.nanoTime());

    @TempDir
    Path dir;

    private static Random random() {
        System.out.println("OffHeapRecordsTest seed=" + SEED + " (-Dvjvector.offheap.seed=" + SEED + " replays it)");
        return new Random(SEED);
    }

    @Test
    void mappedRecordsAcrossManyPagesReadBackAsDirectOnes() throws IOException {
        Random random = random();
        int recordBytes = 52;
        // 512-byte pages: 8 records each, so 1,000 records span 125 mappings of one file.
        OffHeapRecords mapped = new OffHeapRecords(recordBytes,
                new MappedRecordFile(Files.createTempFile(dir, "t-", VectorStorage.FILE_SUFFIX)), 512);
        OffHeapRecords direct = OffHeapRecords.of(recordBytes, null, OffHeapRecords.VECTOR_PAGE_BYTES);
        byte[][] written = new byte[1000][recordBytes];
        for (byte[] record : written) {
            random.nextBytes(record);
            assertEquals(mapped.append((page, at) -> page.put(at, record)),
                    direct.append((page, at) -> page.put(at, record)));
        }
        byte[] got = new byte[recordBytes];
        for (int ord = 0; ord < written.length; ord++) {
            mapped.page(ord).get(mapped.offset(ord), got);
            assertEquals(java.util.Arrays.toString(written[ord]), java.util.Arrays.toString(got), "ordinal " + ord);
        }
        assertTrue(mapped.mapped());
        assertEquals(0, mapped.directBytes());
        assertEquals(125 * 8 * recordBytes, mapped.mappedBytes());
        assertEquals(0, direct.mappedBytes());
    }

    @Test
    void aDeletedFileIsNotRecreatedWhenItsRecordsGrow() throws IOException {
        Path file = Files.createTempFile(dir, "t-", VectorStorage.FILE_SUFFIX);
        OffHeapRecords records = new OffHeapRecords(16, new MappedRecordFile(file), 64);
        for (int i = 0; i < 4; i++) {
            records.append((page, at) -> page.putLong(at, 7L));
        }
        Files.delete(file);
        // The first page (4 records) is still mapped and readable; a fifth record needs a new page.
        assertEquals(7L, records.page(3).getLong(records.offset(3)));
        assertThrows(UncheckedIOException.class, () -> records.append((page, at) -> page.putLong(at, 1L)));
        assertFalse(Files.exists(file));
        assertEquals(4, records.size());
    }

    @Test
    void openingAStorageDeletesTheFilesAnEarlierOpenLeft() throws IOException {
        VectorStorage first = VectorStorage.files(dir);
        OffHeapRecords records = first.records(8, true, "vectors", 1024);
        records.append((page, at) -> page.putLong(at, 1L));
        assertEquals(1, files());
        VectorStorage.files(dir);
        assertEquals(0, files());
        assertFalse(VectorStorage.memory().records(8, true, "vectors", 1024).mapped(), "no directory: direct buffers");
        assertFalse(first.records(8, false, "vectors", 1024).mapped(), "not on disk: direct buffers");
    }

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(VectorStorage.FILE_SUFFIX)).count();
        }
    }
}
