package io.vjvector.engine.index.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.index.SearchHits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparseIndexTest {

    private static long seed(String test) {
        long seed = Long.getLong("vjvector.test.seed", System.nanoTime());
        System.out.println("SparseIndexTest." + test + " seed=" + seed + " (replay with -Dvjvector.test.seed=" + seed + ")");
        return seed;
    }

    /** An index filled at random, with what was stored kept beside it for the brute-force reference. */
    private record Fixture(SparseIndex index, List<SparseVector> stored, boolean[] deleted) {
    }

    private static Fixture randomFixture(Random random, int size, int dimensions) {
        SparseIndex index = new SparseIndex();
        List<SparseVector> stored = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int ord;
            if (random.nextInt(10) == 0) {
                ord = index.addAbsent();
                stored.add(null);
            } else {
                SparseVector v = randomVector(random, dimensions, 12);
                ord = index.add(v);
                stored.add(v);
            }
            assertEquals(i, ord);
        }
        boolean[] deleted = new boolean[size];
        for (int i = 0; i < size; i++) {
            if (random.nextInt(7) == 0) {
                index.delete(i);
                deleted[i] = true;
            }
        }
        return new Fixture(index, stored, deleted);
    }

    private static SparseVector randomVector(Random random, int dimensions, int maxEntries) {
        int n = random.nextInt(Math.min(maxEntries, dimensions) + 1);
        int[] indices = random.ints(0, dimensions).distinct().limit(n).toArray();
        float[] values = new float[indices.length];
        for (int i = 0; i < values.length; i++) {
            // some exact zeros: they still make a vector share the dimension
            values[i] = random.nextInt(20) == 0 ? 0f : random.nextFloat() * 2 - 1;
        }
        return SparseVector.of(indices, values);
    }

    private static boolean sharesDimension(SparseVector a, SparseVector b) {
        for (int i = 0; i < a.size(); i++) {
            if (Arrays.binarySearch(b.indices(), a.index(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Exact reference: every eligible ordinal scored with SparseVector.dot, best first, ties to the lower ordinal. */
    private static List<float[]> bruteForce(Fixture f, SparseVector query, int k, IntPredicate accept) {
        List<float[]> all = new ArrayList<>();
        for (int ord = 0; ord < f.stored().size(); ord++) {
            SparseVector v = f.stored().get(ord);
            if (v == null || f.deleted()[ord] || (accept != null && !accept.test(ord)) || !sharesDimension(query, v)) {
                continue;
            }
            all.add(new float[] {ord, query.dot(v)});
        }
        all.sort(Comparator.<float[]>comparingDouble(h -> h[1]).reversed().thenComparingDouble(h -> h[0]));
        return all.subList(0, Math.min(k, all.size()));
    }

    private static void assertSameHits(List<float[]> expected, SearchHits actual, String where) {
        assertEquals(expected.size(), actual.count(), where + ": hit count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals((int) expected.get(i)[0], actual.ordinal(i), where + ": ordinal of hit " + i);
            assertEquals(expected.get(i)[1], actual.similarity(i), where + ": score of hit " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 300, 4000})
    void searchEqualsBruteForceDotProduct(int size) {
        long seed = seed("searchEqualsBruteForceDotProduct[" + size + "]");
        Random random = new Random(seed);
        for (int dimensions : new int[] {5, 60, 5000}) {
            Fixture f = randomFixture(random, size, dimensions);
            IntPredicate accept = ord -> ord % 3 != 1;
            for (int q = 0; q < 25; q++) {
                SparseVector query = randomVector(random, dimensions, 6);
                int k = 1 + random.nextInt(20);
                String where = "seed=" + seed + " size=" + size + " dims=" + dimensions + " query=" + q;
                assertSameHits(bruteForce(f, query, k, null), f.index().search(query, k, null), where);
                assertSameHits(bruteForce(f, query, k, accept), f.index().search(query, k, accept), where + " filtered");
                assertSameHits(bruteForce(f, query, size, null), f.index().search(query, size + 1, null), where + " all");
            }
        }
    }

    @Test
    void returnsOnlyLivePresentVectorsSharingADimension() {
        SparseIndex index = new SparseIndex();
        index.add(SparseVector.of(new int[] {1, 2}, new float[] {1f, 1f}));   // 0: shares 1
        index.addAbsent();                                                   // 1: no vector
        index.add(SparseVector.of(new int[] {3}, new float[] {5f}));          // 2: shares nothing
        index.add(SparseVector.of(new int[] {1}, new float[] {-2f}));         // 3: negative score
        index.add(SparseVector.of(new int[] {1}, new float[] {9f}));          // 4: deleted
        index.add(SparseVector.of(new int[] {1}, new float[] {0f}));          // 5: score 0, still shares 1
        index.add(SparseVector.EMPTY);                                       // 6: empty
        index.delete(4);
        index.delete(1);

        SearchHits hits = index.search(SparseVector.of(new int[] {1, 7}, new float[] {1f, 1f}), 10, null);
        assertEquals(3, hits.count());
        assertArrayEquals(new int[] {0, 5, 3}, Arrays.copyOf(hits.ordinals(), hits.count()));
        assertArrayEquals(new float[] {1f, 0f, -2f}, Arrays.copyOf(hits.similarities(), hits.count()));

        assertEquals(0, index.search(SparseVector.EMPTY, 10, null).count());
        assertEquals(0, index.search(SparseVector.of(new int[] {99}, new float[] {1f}), 10, null).count());
        assertEquals(0, index.search(SparseVector.of(new int[] {1}, new float[] {1f}), 0, null).count());
        assertEquals(1, index.search(SparseVector.of(new int[] {1}, new float[] {1f}), 10, ord -> ord == 3).count());
    }

    @Test
    void tiesFollowTheTieOrderAlsoAtTheCut() {
        SparseIndex index = new SparseIndex();
        SparseVector same = SparseVector.of(new int[] {2, 5}, new float[] {1f, 0.5f});
        index.add(SparseVector.of(new int[] {2}, new float[] {3f}));   // 0: best
        for (int i = 1; i <= 6; i++) {
            index.add(same);                                           // 1..6: tied
        }
        index.add(SparseVector.of(new int[] {5}, new float[] {0.1f}));  // 7: worst
        index.delete(6);
        SparseVector query = SparseVector.of(new int[] {2, 5}, new float[] {1f, 1f});
        Comparator<Integer> highestFirst = Comparator.reverseOrder();

        SearchHits cut = index.search(query, 3, null, highestFirst);
        assertArrayEquals(new int[] {0, 5, 4}, Arrays.copyOf(cut.ordinals(), cut.count()),
                "the tied ordinals first in tie order make the cut; deleted 6 does not");
        assertArrayEquals(new float[] {3f, 1.5f, 1.5f}, Arrays.copyOf(cut.similarities(), cut.count()));

        SearchHits all = index.search(query, 10, null, highestFirst);
        assertArrayEquals(new int[] {0, 5, 4, 3, 2, 1, 7}, Arrays.copyOf(all.ordinals(), all.count()));
        SearchHits accepted = index.search(query, 2, ord -> ord % 2 == 1, highestFirst);
        assertArrayEquals(new int[] {5, 3}, Arrays.copyOf(accepted.ordinals(), accepted.count()));
        assertArrayEquals(new int[] {0, 1, 2}, Arrays.copyOf(index.search(query, 3, null).ordinals(), 3),
                "without a tie order the lower ordinal wins");
    }

    @Test
    void absentOrdinalsHaveNoVector() {
        SparseIndex index = new SparseIndex();
        assertEquals(0, index.addAbsent());
        assertEquals(1, index.add(SparseVector.of(new int[] {4}, new float[] {1f})));
        assertNull(index.vector(0));
        assertEquals(SparseVector.of(new int[] {4}, new float[] {1f}), index.vector(1));
        assertEquals(2, index.size());
        assertEquals(1, index.liveCount());
        index.delete(0);
        assertTrue(index.isDeleted(0));
        assertEquals(1, index.liveCount());
        assertThrows(IndexOutOfBoundsException.class, () -> index.vector(2));
        assertThrows(IndexOutOfBoundsException.class, () -> index.delete(-1));
    }

    @Test
    void documentFrequencyCountsLiveVectorsHavingTheIndex() {
        SparseIndex index = new SparseIndex();
        index.add(SparseVector.of(new int[] {1, 2}, new float[] {1f, 1f}));
        index.add(SparseVector.of(new int[] {2}, new float[] {0f}));   // a zero value still counts, as in Qdrant
        index.add(SparseVector.of(new int[] {2, 3}, new float[] {1f, 1f}));
        index.addAbsent();
        assertEquals(1, index.documentFrequency(1));
        assertEquals(3, index.documentFrequency(2));
        assertEquals(1, index.documentFrequency(3));
        assertEquals(0, index.documentFrequency(4));
        assertEquals(3, index.liveCount());

        index.delete(2);
        index.delete(2);
        index.delete(3);
        assertEquals(2, index.documentFrequency(2));
        assertEquals(0, index.documentFrequency(3));
        assertEquals(2, index.liveCount());
    }

    @Test
    void documentFrequencyMatchesRandomContent() {
        long seed = seed("documentFrequencyMatchesRandomContent");
        Fixture f = randomFixture(new Random(seed), 2000, 40);
        int live = 0;
        int[] df = new int[40];
        for (int ord = 0; ord < f.stored().size(); ord++) {
            SparseVector v = f.stored().get(ord);
            if (v != null && !f.deleted()[ord]) {
                live++;
                for (int i = 0; i < v.size(); i++) {
                    df[v.index(i)]++;
                }
            }
        }
        assertEquals(live, f.index().liveCount(), "seed=" + seed);
        for (int d = 0; d < 40; d++) {
            assertEquals(df[d], f.index().documentFrequency(d), "seed=" + seed + " dimension " + d);
        }
    }

    @Test
    void idfIsQdrantsFormula() {
        // ln((N - df + 0.5) / (df + 0.5) + 1)
        assertEquals((float) Math.log((10 - 2 + 0.5) / (2 + 0.5) + 1), SparseIndex.idf(10, 2), 1e-6f);
        assertEquals((float) Math.log(2), SparseIndex.idf(0, 0), 1e-6f);
        assertEquals((float) Math.log(1 + 0.5 / 100.5), SparseIndex.idf(100, 100), 1e-6f);
        assertTrue(SparseIndex.idf(1000, 1) > SparseIndex.idf(1000, 10));
        assertTrue(SparseIndex.idf(1000, 999) > 0);
    }

    @Test
    void writeThenReadGivesTheSameIndex() throws IOException {
        long seed = seed("writeThenReadGivesTheSameIndex");
        Random random = new Random(seed);
        Fixture f = randomFixture(random, 1500, 300);
        SparseIndex copy = SparseIndex.read(input(bytes(f.index())));
        assertEquals(f.index().size(), copy.size());
        assertEquals(f.index().liveCount(), copy.liveCount());
        for (int ord = 0; ord < copy.size(); ord++) {
            assertEquals(f.index().isDeleted(ord), copy.isDeleted(ord), "ordinal " + ord);
            assertEquals(f.index().vector(ord), copy.vector(ord), "ordinal " + ord);
        }
        for (int d = 0; d < 300; d++) {
            assertEquals(f.index().documentFrequency(d), copy.documentFrequency(d));
        }
        for (int q = 0; q < 20; q++) {
            SparseVector query = randomVector(random, 300, 6);
            assertSameHits(bruteForce(f, query, 10, null), copy.search(query, 10, null), "seed=" + seed + " query " + q);
        }
        assertEquals(0, SparseIndex.read(input(bytes(new SparseIndex()))).size());
    }

    @Test
    void readRejectsForgedInput() throws IOException {
        SparseIndex index = new SparseIndex();
        index.add(SparseVector.of(new int[] {3, 8}, new float[] {1f, 2f}));
        index.addAbsent();
        index.delete(1);
        byte[] good = bytes(index);
        // magic(4) version(1) size(4) | entries(4) 2 ints 2 floats | entries(4) = -1 | words(4) word(8)
        int sizeAt = 5;
        int entriesAt = 9;
        int firstIndexAt = 13;
        int wordsAt = 9 + 4 + 16 + 4;

        assertRejected(with(good, 0, ByteBuffer.allocate(4).putInt(0x12345678).array()), "not a sparse index");
        assertRejected(with(good, 4, new byte[] {2}), "version 2 is not supported");
        assertRejected(with(good, sizeAt, intBytes(-1)), "claims -1 ordinals");
        assertRejected(with(good, entriesAt, intBytes(-7)), "claims -7 entries");
        // A length far beyond the data ends in EOF, not in a 16 GB allocation.
        assertThrows(IOException.class, () -> SparseIndex.read(input(with(good, entriesAt, intBytes(Integer.MAX_VALUE)))));
        // Indices 3, 8 become 8, 8 (little-endian): not canonical.
        assertRejected(with(good, firstIndexAt, new byte[] {8, 0, 0, 0}), "duplicate index 8");
        assertRejected(with(good, firstIndexAt, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}),
                "index must be >= 0");
        assertRejected(with(good, wordsAt, intBytes(2)), "tombstone set of 2 words for 2 ordinals");
        assertRejected(with(good, wordsAt + 4, ByteBuffer.allocate(8).putLong(1L << 5).array()),
                "tombstone for ordinal 5 beyond 2 ordinals");
        for (int cut = 0; cut < good.length; cut++) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThrows(IOException.class, () -> SparseIndex.read(input(truncated)), "cut at " + cut);
        }
        SparseIndex back = SparseIndex.read(input(good));
        assertTrue(back.isDeleted(1));
        assertNull(back.vector(1));
    }

    @Test
    void searchesNeverSeeHalfAddedVectors() throws Exception {
        // Every vector has the same ten dimensions with value 1, so a complete one scores exactly 10
        // against the all-ones query and a half-added one would score less.
        int[] dims = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] ones = new float[dims.length];
        Arrays.fill(ones, 1f);
        SparseVector vector = new SparseVector(dims, ones);
        SparseIndex index = new SparseIndex();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread reader = new Thread(() -> {
                while (!done.get() && failure.get() == null) {
                    SearchHits hits = index.search(vector, 5, null);
                    for (int i = 0; i < hits.count(); i++) {
                        if (hits.similarity(i) != 10f) {
                            failure.set("ordinal " + hits.ordinal(i) + " scored " + hits.similarity(i));
                        }
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }
        for (int i = 0; i < 30_000; i++) {
            if (i % 5 == 4) {
                index.addAbsent();
            } else {
                index.add(vector);
            }
            if (i % 3 == 0) {
                index.delete(i / 2);
            }
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertNull(failure.get(), failure.get());
        assertFalse(index.documentFrequency(0) > index.liveCount());
    }

    @Test
    void ramBytesUsedGrowsWithContent() {
        SparseIndex index = new SparseIndex();
        long empty = index.ramBytesUsed();
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            index.add(randomVector(random, 1000, 20));
        }
        assertTrue(index.ramBytesUsed() > empty + 1000 * 10 * 8);
    }

    private static byte[] bytes(SparseIndex index) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            index.write(out);
        }
        return buffer.toByteArray();
    }

    private static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    private static byte[] with(byte[] original, int at, byte[] replacement) {
        byte[] copy = original.clone();
        System.arraycopy(replacement, 0, copy, at, replacement.length);
        return copy;
    }

    private static byte[] intBytes(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static void assertRejected(byte[] forged, String message) {
        IOException e = assertThrows(IOException.class, () -> SparseIndex.read(input(forged)));
        assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
    }
}
