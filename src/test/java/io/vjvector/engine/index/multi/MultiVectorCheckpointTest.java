package io.vjvector.engine.index.multi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.GaussianMixture;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.SearchHits;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultiVectorCheckpointTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.fromSystemProperty();
    private static final long SEED = 20_261_127L;

    private static byte[] write(MultiVectorIndex index) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        index.write(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static MultiVectorIndex read(byte[] bytes) throws IOException {
        return MultiVectorIndex.read(new DataInputStream(new ByteArrayInputStream(bytes)), KERNELS, bytes.length);
    }

    private static MultiVectorIndex sampleIndex(boolean exactOnly) {
        GaussianMixture mixture = new GaussianMixture(8, 4, 0.5f, SEED);
        MultiVectorIndex index = new MultiVectorIndex(new IndexConfig(8, Distance.COSINE, 8, 50, exactOnly), KERNELS);
        for (MultiVector v : MultiVectorIndexTest.sample(mixture, 60, 1, 4, SEED + 1)) {
            index.add(v);
            if (index.size() % 7 == 0) {
                index.addAbsent();
            }
        }
        index.delete(3);
        index.delete(10);
        return index;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripKeepsVectorsDeletesAndSearchResults(boolean exactOnly) throws IOException {
        MultiVectorIndex original = sampleIndex(exactOnly);
        MultiVectorIndex loaded = read(write(original));
        assertEquals(original.size(), loaded.size());
        assertEquals(original.liveCount(), loaded.liveCount());
        assertEquals(original.rowCount(), loaded.rowCount());
        for (int p = 0; p < original.size(); p++) {
            assertEquals(original.isDeleted(p), loaded.isDeleted(p), "deleted " + p);
            MultiVector a = original.vector(p);
            MultiVector b = loaded.vector(p);
            if (a == null) {
                assertNull(b);
            } else {
                assertArrayEquals(a.rows(), b.rows());
            }
        }
        GaussianMixture mixture = new GaussianMixture(8, 4, 0.5f, SEED);
        for (MultiVector q : MultiVectorIndexTest.sample(mixture, 10, 1, 3, SEED + 2)) {
            SearchHits x = original.search(q, 5, 16, null);
            SearchHits y = loaded.search(q, 5, 16, null);
            assertArrayEquals(Arrays.copyOf(x.ordinals(), x.count()), Arrays.copyOf(y.ordinals(), y.count()));
        }
        assertArrayEquals(write(original), write(loaded));
    }

    @Test
    void readRefusesAnotherVersion() throws IOException {
        byte[] bytes = write(sampleIndex(false));
        bytes[0] = 9;
        assertTrue(assertThrows(IOException.class, () -> read(bytes)).getMessage().contains("version 9"));
    }

    @Test
    void readRefusesTruncatedInput() throws IOException {
        byte[] bytes = write(sampleIndex(false));
        for (int cut : new int[] {1, 10, bytes.length / 2, bytes.length - 1}) {
            assertThrows(IOException.class, () -> read(Arrays.copyOf(bytes, cut)), "cut at " + cut);
        }
    }

    /** Offset of the point count: everything after the row index. */
    private static int pointCountOffset(MultiVectorIndex index, byte[] bytes) {
        int n = index.size();
        int tail = 4 + 4 + 8 * ((n + 63) >>> 6);
        for (int p = 0; p < n; p++) {
            MultiVector v = index.vector(p);
            tail += 4 + (v == null ? 0 : 4 * v.rowCount());
        }
        int offset = bytes.length - tail;
        assertEquals(n, ByteBuffer.wrap(bytes, offset, 4).getInt(), "point count where expected");
        return offset;
    }

    @Test
    void readRefusesForgedCountsWithAClearMessage() throws IOException {
        MultiVectorIndex index = sampleIndex(false);
        byte[] good = write(index);
        int at = pointCountOffset(index, good);

        byte[] hugePoints = good.clone();
        ByteBuffer.wrap(hugePoints, at, 4).putInt(Integer.MAX_VALUE);
        assertTrue(assertThrows(IOException.class, () -> read(hugePoints)).getMessage().contains("cannot fit"));

        byte[] negativePoints = good.clone();
        ByteBuffer.wrap(negativePoints, at, 4).putInt(-5);
        assertThrows(IOException.class, () -> read(negativePoints));

        byte[] hugeRows = good.clone();
        ByteBuffer.wrap(hugeRows, at + 4, 4).putInt(Integer.MAX_VALUE);
        assertTrue(assertThrows(IOException.class, () -> read(hugeRows)).getMessage().contains("unclaimed"));

        byte[] foreignRow = good.clone();
        ByteBuffer.wrap(foreignRow, at + 8, 4).putInt(1 << 20);
        assertTrue(assertThrows(IOException.class, () -> read(foreignRow)).getMessage().contains("not among"));

        // Point 0 claims the row point 1 owns: the second claim is refused.
        MultiVector first = index.vector(0);
        int secondRowOfPoint1 = at + 4 + 4 + 4 * first.rowCount() + 4;
        byte[] twice = good.clone();
        ByteBuffer.wrap(twice, secondRowOfPoint1, 4).putInt(ByteBuffer.wrap(good, at + 8, 4).getInt());
        assertTrue(assertThrows(IOException.class, () -> read(twice)).getMessage().contains("claimed twice"));
    }

    @Test
    void readRefusesALiveRowThatNoLivePointOwns() throws IOException {
        MultiVectorIndex index = sampleIndex(false);
        byte[] good = write(index);
        // Clear the deleted-point bits: point 3's rows are deleted in the row index but it would be live.
        byte[] undeleted = good.clone();
        int words = (index.size() + 63) >>> 6;
        Arrays.fill(undeleted, good.length - 8 * words, good.length, (byte) 0);
        assertTrue(assertThrows(IOException.class, () -> read(undeleted)).getMessage().contains("is deleted but"));
    }
}
