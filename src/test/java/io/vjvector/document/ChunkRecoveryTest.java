package io.vjvector.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointSelector;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.TextConfig;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.sparse.SparseVector;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.engine.point.PointId;
import io.vjvector.inference.Bm25Encoder;
import io.vjvector.inference.Bm25Options;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A replacement cut short at any step leaves each document fully old or fully new once the
 * collection is recovered; so does a delete cut short (fully old or gone). "Cut short" is a
 * collection service that stops in the middle of a write, as a crash would, with part of an
 * upsert's points stored.
 */
class ChunkRecoveryTest {

    private static final long SEED = Long.getLong("vjvector.documents.seed", System.nanoTime());
    private static final Bm25Encoder BM25 = new Bm25Encoder(Bm25Options.defaults());

    private final LocalCollectionService service = new LocalCollectionService(VectorKernelsProvider.fromSystemProperty());

    private String collection(String name) {
        VectorsConfig vectors = new VectorsConfig(true,
                Map.of(TextConfig.DENSE, new VectorsConfig.DenseVector(4, Distance.COSINE, null, null, null, null, null)),
                Map.of(TextConfig.SPARSE, new VectorsConfig.SparseVector(true, null, null, null)));
        service.create(name, new CollectionParams(4, Distance.COSINE, 3, 1, 1, 16, 100, 10_000, null, null, vectors));
        return name;
    }

    /** Version {@code version} of document {@code id}: {@code chunks} chunks naming both. */
    private static PreparedDocument version(String id, int version, int chunks) {
        List<String> texts = new ArrayList<>();
        float[][] dense = new float[chunks][];
        SparseVector[] sparse = new SparseVector[chunks];
        for (int k = 0; k < chunks; k++) {
            texts.add(id + " v" + version + " part " + k);
            dense[k] = new float[] {1, version, k, 1};
            sparse[k] = BM25.encodeDocument(texts.get(k));
        }
        return new PreparedDocument(new DocumentInput(id, String.join(" ", texts), null), texts, dense, sparse);
    }

    /** Versions stored per document: version number → chunk indexes. */
    private Map<String, Map<Integer, TreeSet<Integer>>> stored(String c) {
        Map<String, Map<Integer, TreeSet<Integer>>> out = new TreeMap<>();
        for (PointRecord p : service.scroll(c, new ScrollRequest(null, 10_000, null, WithPayload.ALL, false)).points()) {
            String text = p.payload().get("text").asText();
            int version = Integer.parseInt(text.split(" ")[1].substring(1));
            out.computeIfAbsent(p.payload().get("document_id").asText(), k -> new TreeMap<>())
                    .computeIfAbsent(version, k -> new TreeSet<>()).add(p.payload().get("chunk_index").asInt());
        }
        return out;
    }

    private static void assertWhole(Map<Integer, TreeSet<Integer>> versions, int version, int chunks, String why) {
        assertEquals(Map.of(version, range(chunks)), versions, why);
    }

    private static TreeSet<Integer> range(int n) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            s.add(i);
        }
        return s;
    }

    /**
     * A service that dies at its {@code failAt}-th write: that write stores {@code keep} of an
     * upsert's points (a delete applies nothing), and it and every later write throw.
     */
    private CollectionService crashing(int failAt, int keep) {
        int[] writes = {0};
        return (CollectionService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CollectionService.class},
                (proxy, method, args) -> {
                    boolean write = method.getName().equals("upsert") || method.getName().equals("deletePoints");
                    if (write && ++writes[0] > failAt) {
                        throw new IllegalStateException("dead");
                    }
                    if (write && writes[0] == failAt) {
                        if (method.getName().equals("upsert")) {
                            @SuppressWarnings("unchecked")
                            List<PointStruct> points = (List<PointStruct>) args[1];
                            service.upsert((String) args[0], points.subList(0, Math.min(keep, points.size())));
                        }
                        throw new IllegalStateException("crash");
                    }
                    try {
                        return method.invoke(service, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void replacementCutShortAtAnyWriteLeavesEachDocumentFullyOldOrFullyNew() {
        System.out.println("ChunkRecoveryTest seed=" + SEED + " (replay with -Dvjvector.documents.seed=" + SEED + ")");
        Random random = new Random(SEED);
        for (int round = 0; round < 30; round++) {
            String c = collection("recover_" + round);
            int oldChunks = 1 + random.nextInt(5);
            int newChunks = 1 + random.nextInt(5);
            new ChunkCommit(service, c, new DocumentVisibility()).replace(List.of(version("a", 1, oldChunks), version("b", 1, 2)));
            // Writes of a replacement: 1 upsert, 1 delete. Fail the upsert part-way, or the delete.
            int failAt = 1 + random.nextInt(2);
            int keep = random.nextInt(newChunks + 3);
            DocumentVisibility crashed = new DocumentVisibility();
            crashed.recoverOnce(() -> ChunkRecovery.run(service, c)); // as on first use in a process
            assertThrows(IllegalStateException.class, () -> new ChunkCommit(crashing(failAt, keep), c, crashed)
                    .replace(List.of(version("a", 2, newChunks), version("b", 2, 1))));

            ChunkRecovery.run(service, c); // the next start
            Map<String, Map<Integer, TreeSet<Integer>>> after = stored(c);
            String why = "round " + round + ": failAt " + failAt + ", keep " + keep + ", stored " + after;
            // The upsert stores a's chunks, then b's: a document is new once all its chunks are stored.
            if (failAt == 2 || keep >= newChunks) {
                assertWhole(after.get("a"), 2, newChunks, why);
            } else {
                assertWhole(after.get("a"), 1, oldChunks, why);
            }
            if (failAt == 2 || keep >= newChunks + 1) {
                assertWhole(after.get("b"), 2, 1, why);
            } else {
                assertWhole(after.get("b"), 1, 2, why);
            }
        }
    }

    @Test
    void deleteCutShortLeavesTheDocumentWholeOrGone() {
        String c = collection("recover_delete");
        new ChunkCommit(service, c, new DocumentVisibility()).replace(List.of(version("a", 1, 4)));
        // Delete only some chunks, as a crash during a multi-shard delete may.
        PointId first = service.scroll(c, new ScrollRequest(null, 1, null, WithPayload.NONE, false)).points().get(0).id();
        service.deletePoints(c, PointSelector.ids(List.of(first)));
        ChunkRecovery.run(service, c);
        assertEquals(Map.of(), stored(c));
    }

    @Test
    void chunksWithoutGenerationCountAsTheOldestCompleteVersion() {
        String c = collection("recover_legacy");
        List<PointStruct> legacy = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            ObjectNode payload = JsonNodeFactory.instance.objectNode().put("text", "a v0 part " + k)
                    .put("document_id", "a").put("chunk_index", k);
            legacy.add(new PointStruct(PointId.of(java.util.UUID.randomUUID()), Map.of(
                    TextConfig.DENSE, new VectorValue.Dense(new float[] {1, 0, k, 1}),
                    TextConfig.SPARSE, new VectorValue.Sparse(BM25.encodeDocument("a v0 part " + k))), payload));
        }
        service.upsert(c, legacy);
        // An interrupted first replacement: 1 of 2 new chunks stored.
        service.upsert(c, List.of(pointOf(version("a", 5, 2), 77, 0)));
        ChunkRecovery.run(service, c);
        assertWhole(stored(c).get("a"), 0, 3, "the interrupted version goes, the old chunks stay");

        new ChunkCommit(service, c, new DocumentVisibility()).replace(List.of(version("a", 6, 2)));
        assertWhole(stored(c).get("a"), 6, 2, "a completed replacement removes the chunks without a generation");
    }

    @Test
    void recoveryReturnsTheLargestGenerationSoNewWritesSortAfterIt() {
        String c = collection("recover_generation");
        service.upsert(c, List.of(pointOf(version("a", 1, 1), Long.MAX_VALUE / 2, 0)));
        DocumentVisibility v = new DocumentVisibility();
        v.recoverOnce(() -> ChunkRecovery.run(service, c));
        assertTrue(v.write(v::nextGeneration) > Long.MAX_VALUE / 2);
    }

    private static PointStruct pointOf(PreparedDocument d, long generation, int k) {
        String id = d.input().id();
        return new PointStruct(PointId.of(DocumentIds.chunk(id, generation, k)), Map.of(
                TextConfig.DENSE, new VectorValue.Dense(d.dense()[k]),
                TextConfig.SPARSE, new VectorValue.Sparse(d.sparse()[k])),
                ChunkPayload.of(null, d.chunks().get(k), id, k, d.chunks().size(), generation));
    }
}
