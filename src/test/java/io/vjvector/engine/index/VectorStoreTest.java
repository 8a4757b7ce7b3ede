package io.vjvector.engine.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VectorStoreTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.fromSystemProperty();
    private static final int DIM = 100;
    private static final int N = 3000;

    private static long seed() {
        long seed = Long.getLong("vjvector.vectorstore.seed", System.nanoTime());
        System.out.println("VectorStoreTest seed=" + seed + " (-Dvjvector.vectorstore.seed=" + seed + " replays it)");
        return seed;
    }

    /** A vector a client of {@code datatype} could send: whole numbers 0..255 for uint8. */
    private static float[] clientVector(Random random, Datatype datatype) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = datatype == Datatype.UINT8 ? random.nextInt(256) : (float) random.nextGaussian() * 3f;
        }
        return datatype.store(v);
    }

    @Test
    void halfFloatBitsRoundTripEveryFiniteValue() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            if (((bits >>> 10) & 0x1F) == 0x1F) {
                continue;
            }
            float v = HalfFloat.fromBits((short) bits);
            assertEquals(v, Datatype.toHalfPrecision(v), "bits " + Integer.toHexString(bits));
            if (v != 0f) {
                assertEquals((short) bits, HalfFloat.toBits(v), "value " + v);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Datatype.class)
    void vectorsReadBackAsTheClientSentThemRoundedToTheirType(Datatype datatype) {
        Random random = new Random(seed());
        for (Distance distance : Distance.values()) {
            FlatIndex index = new FlatIndex(DIM, distance, datatype, KERNELS);
            float[][] sent = new float[200][];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = clientVector(random, datatype);
                index.add(sent[i]);
            }
            for (int i = 0; i < sent.length; i++) {
                float[] expected = distance.normalizes() ? Distance.normalized(KERNELS, sent[i]) : sent[i];
                assertArrayEquals(expected, index.vector(i), datatype + " " + distance + " ordinal " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Datatype.class)
    void vectorsTakeTheirTypesWidthOffTheHeap(Datatype datatype) {
        Random random = new Random(seed());
        FlatIndex index = new FlatIndex(DIM, Distance.DOT, datatype, KERNELS);
        for (int i = 0; i < N; i++) {
            index.add(clientVector(random, datatype));
        }
        long record = switch (datatype) {
            case FLOAT32 -> 4L * DIM;
            case FLOAT16 -> 2L * DIM + 4;
            case UINT8 -> DIM + 4L;
        };
        long bytes = index.vectorBytesUsed();
        System.out.printf("%s: %d vectors of %d dims, %d bytes off the heap (%.2f per vector)%n", datatype, N, DIM,
                bytes, (double) bytes / N);
        assertEquals(bytes, index.offHeapBytesUsed());
        // Pages grow by doubling up to 4 MiB, so at most one page (or a doubling) more than the records.
        assertTrue(bytes >= record * N && bytes <= record * N * 2, "bytes " + bytes);
        assertTrue(index.ramBytesUsed() - bytes < 16_000, "heap beside the vectors " + (index.ramBytesUsed() - bytes));
    }

    @Test
    void preparedVectorsOfANarrowTypeAreRoundedToIt() {
        Random random = new Random(seed());
        FlatIndex half = new FlatIndex(DIM, Distance.COSINE, Datatype.FLOAT16, KERNELS);
        FlatIndex bytes = new FlatIndex(DIM, Distance.COSINE, Datatype.UINT8, KERNELS);
        for (int n = 0; n < 50; n++) {
            float[] prepared = Distance.normalized(KERNELS, clientVector(random, Datatype.UINT8));
            float max = 0f;
            for (float v : prepared) {
                max = Math.max(max, v);
            }
            float[] h = half.vector(half.addPrepared(prepared));
            float[] b = bytes.vector(bytes.addPrepared(prepared));
            for (int i = 0; i < DIM; i++) {
                assertEquals(Datatype.toHalfPrecision(prepared[i]), h[i], "float16 component " + i);
                assertEquals(prepared[i], b[i], max / 510f * 1.001f, "uint8 component " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Datatype.class)
    void checkpointsRoundTripTheStoredRecords(Datatype datatype) throws IOException {
        Random random = new Random(seed());
        IndexConfig config = new IndexConfig(DIM, Distance.COSINE, 8, 40, false);
        HnswIndex index = new HnswIndex(config, datatype, KERNELS);
        for (int i = 0; i < 500; i++) {
            index.add(clientVector(random, datatype));
        }
        index.delete(7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IndexCheckpoint.capture(index).writeTo(new DataOutputStream(bytes));
        VectorIndex loaded = IndexCheckpoint.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                config, datatype, KERNELS, bytes.size());
        assertEquals(index.size(), loaded.size());
        assertTrue(loaded.isDeleted(7));
        assertEquals(index.vectorBytesUsed(), loaded.vectorBytesUsed());
        for (int i = 0; i < index.size(); i++) {
            assertArrayEquals(index.vector(i), loaded.vector(i), "ordinal " + i);
        }
        float[] q = clientVector(random, Datatype.FLOAT32);
        SearchHits before = index.search(q, 10, 50, null);
        SearchHits after = loaded.search(q, 10, 50, null);
        for (int i = 0; i < before.count(); i++) {
            assertEquals(before.ordinal(i), after.ordinal(i));
        }
        Datatype other = datatype == Datatype.FLOAT32 ? Datatype.UINT8 : Datatype.FLOAT32;
        IOException refused = assertThrows(IOException.class, () -> IndexCheckpoint.read(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), config, other, KERNELS,
                bytes.size()));
        assertTrue(refused.getMessage().contains(datatype.qdrantName()), refused.getMessage());
    }

    /** A version-1 index checkpoint (no datatype byte, float records) as the previous release wrote it. */
    private static byte[] versionOneFlatCheckpoint(float[][] vectors) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(1);
        out.writeByte(1);
        out.writeInt(DIM);
        out.writeUTF(Distance.DOT.name());
        out.writeInt(vectors.length);
        PrimitiveIo io = new PrimitiveIo();
        for (float[] v : vectors) {
            io.writeFloats(out, v, 0, DIM);
        }
        int words = (vectors.length + 63) >>> 6;
        out.writeInt(words);
        for (int i = 0; i < words; i++) {
            out.writeLong(0L);
        }
        return bytes.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Datatype.class)
    void versionOneCheckpointsLoadIntoEveryDatatype(Datatype datatype) throws IOException {
        Random random = new Random(seed());
        float[][] vectors = new float[40][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = clientVector(random, datatype);
        }
        byte[] file = versionOneFlatCheckpoint(vectors);
        VectorIndex loaded = IndexCheckpoint.read(new DataInputStream(new ByteArrayInputStream(file)),
                new IndexConfig(DIM, Distance.DOT, 16, 100, true), datatype, KERNELS, file.length);
        assertEquals(vectors.length, loaded.size());
        for (int i = 0; i < vectors.length; i++) {
            assertArrayEquals(vectors[i], loaded.vector(i), "ordinal " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Datatype.class, names = {"FLOAT16", "UINT8"})
    void graphSearchOverNarrowTypesKeepsTheRecallOfFloatsHoldingTheSameValues(Datatype datatype) {
        Random random = new Random(seed());
        float[][] vectors = new float[N][];
        for (int i = 0; i < N; i++) {
            vectors[i] = clientVector(random, datatype);
        }
        float[][] queries = new float[50][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = clientVector(random, datatype);
        }
        for (Distance distance : new Distance[] {Distance.COSINE, Distance.EUCLID}) {
            double narrow = recall(datatype, distance, vectors, queries);
            double floats = recall(Datatype.FLOAT32, distance, vectors, queries);
            System.out.printf("%s %s recall@10 (ef=100) = %.4f, float32 of the same values %.4f%n", datatype,
                    distance, narrow, floats);
            // Random 100-d vectors are a hard case for any graph (float32 reaches ~0.93 here); the
            // narrow store must do as well as floats holding the same values.
            assertTrue(narrow >= 0.85 && narrow >= floats - 0.02, datatype + " " + distance + " recall " + narrow);
        }
    }

    private static double recall(Datatype datatype, Distance distance, float[][] vectors, float[][] queries) {
        HnswIndex index = new HnswIndex(new IndexConfig(DIM, distance, 16, 100, false), datatype, KERNELS);
        for (float[] v : vectors) {
            index.add(v);
        }
        int found = 0;
        for (float[] query : queries) {
            SearchHits exact = index.exactSearch(query, 10, null);
            SearchHits approximate = index.search(query, 10, 100, null);
            for (int i = 0; i < approximate.count(); i++) {
                for (int j = 0; j < exact.count(); j++) {
                    if (approximate.ordinal(i) == exact.ordinal(j)) {
                        found++;
                    }
                }
            }
        }
        return found / (10.0 * queries.length);
    }
}
