package io.vjvector.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.TextConfig;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.sparse.SparseVector;
import io.vjvector.engine.kernels.VectorKernelsProvider;
import io.vjvector.inference.Bm25Encoder;
import io.vjvector.inference.Bm25Options;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Readers that scroll and search a three-shard collection while a writer keeps replacing its
 * documents (batches of one to three documents, each new version with another number of chunks)
 * see every document in exactly one version, with all of that version's chunks: never both
 * versions, never neither, never part of one.
 */
class DocumentReplacementConcurrencyTest {

    private static final long SEED = Long.getLong("vjvector.documents.seed", System.nanoTime());
    private static final int ROUNDS = Integer.getInteger("vjvector.documents.rounds", 300);
    private static final List<String> DOCUMENTS = List.of("a", "b", "c", "d", "e");
    private static final Bm25Encoder BM25 = new Bm25Encoder(Bm25Options.defaults());

    private final LocalCollectionService service = new LocalCollectionService(VectorKernelsProvider.fromSystemProperty());

    @Test
    void readersSeeEachDocumentInExactlyOneWholeVersionWhileItIsReplaced() throws Exception {
        System.out.println("DocumentReplacementConcurrencyTest seed=" + SEED + " rounds=" + ROUNDS
                + " (replay with -Dvjvector.documents.seed=" + SEED + ")");
        String c = "replace_race";
        VectorsConfig vectors = new VectorsConfig(true,
                Map.of(TextConfig.DENSE, new VectorsConfig.DenseVector(4, Distance.COSINE, null, null, null, null, null)),
                Map.of(TextConfig.SPARSE, new VectorsConfig.SparseVector(true, null, null, null)));
        service.create(c, new CollectionParams(4, Distance.COSINE, 3, 1, 1, 16, 100, 10_000, null, null, vectors));
        DocumentVisibility visibility = new DocumentVisibility();
        ChunkCommit commit = new ChunkCommit(service, c, visibility);
        Random random = new Random(SEED);
        Map<String, Integer> versions = new HashMap<>();
        List<PreparedDocument> first = new ArrayList<>();
        for (String d : DOCUMENTS) {
            versions.put(d, 0);
            first.add(version(d, 0, 1 + random.nextInt(5)));
        }
        commit.replace(first);

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        List<Future<?>> results = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            boolean scroll = r == 0;
            results.add(readers.submit(() -> {
                while (writing.get()) {
                    List<JsonNode> payloads = visibility.read(null, f -> scroll ? scroll(c, f) : search(c, f));
                    assertOneWholeVersionEach(payloads);
                    reads.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<PreparedDocument> batch = new ArrayList<>();
                List<String> shuffled = new ArrayList<>(DOCUMENTS);
                java.util.Collections.shuffle(shuffled, random);
                for (String d : shuffled.subList(0, 1 + random.nextInt(3))) {
                    batch.add(version(d, versions.merge(d, 1, Integer::sum), 1 + random.nextInt(5)));
                }
                commit.replace(batch);
            }
        } finally {
            writing.set(false);
        }
        for (Future<?> f : results) {
            f.get(60, TimeUnit.SECONDS);
        }
        readers.shutdown();
        assertTrue(visibility.inTransition().isEmpty(), "every replacement settled");
        assertOneWholeVersionEach(scroll(c, null));
        assertTrue(reads.get() > 10, "readers ran alongside the writer: " + reads.get() + " reads");
        System.out.println("DocumentReplacementConcurrencyTest: " + ROUNDS + " replacements, " + reads.get() + " consistent reads");
    }

    private List<JsonNode> scroll(String c, JsonNode filter) {
        return service.scroll(c, new ScrollRequest(filter == null ? null : Filter.parse(filter), 10_000, null,
                WithPayload.ALL, false)).points().stream().map(p -> (JsonNode) p.payload()).toList();
    }

    private List<JsonNode> search(String c, JsonNode filter) {
        SearchOptions options = new SearchOptions(filter == null ? null : Filter.parse(filter), 10_000, 0, null, null,
                false, WithPayload.ALL, false);
        return service.search(c, new SearchRequest(TextConfig.DENSE, new VectorValue.Dense(new float[] {1, 1, 1, 1}), options))
                .stream().map(p -> (JsonNode) p.payload()).toList();
    }

    /** Each document once, in one version whose chunks are all there. */
    private static void assertOneWholeVersionEach(List<JsonNode> payloads) {
        Map<String, Map<Long, TreeSet<Integer>>> seen = new TreeMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode p : payloads) {
            long generation = p.get(ChunkPayload.GENERATION).asLong();
            seen.computeIfAbsent(p.get(ChunkPayload.DOCUMENT_ID).asText(), k -> new TreeMap<>())
                    .computeIfAbsent(generation, k -> new TreeSet<>()).add(p.get(ChunkPayload.CHUNK_INDEX).asInt());
            counts.put(p.get(ChunkPayload.DOCUMENT_ID).asText() + "@" + generation, p.get(ChunkPayload.CHUNK_COUNT).asInt());
        }
        assertEquals(DOCUMENTS, List.copyOf(seen.keySet()), "every document, none missing: " + seen);
        seen.forEach((d, generations) -> {
            assertEquals(1, generations.size(), "document " + d + " in one version: " + generations);
            generations.forEach((g, chunks) -> {
                assertEquals(counts.get(d + "@" + g), chunks.size(), "document " + d + " whole: " + chunks);
                assertEquals(chunks.size() - 1, chunks.last(), "document " + d + " whole: " + chunks);
            });
        });
    }

    private static PreparedDocument version(String id, int version, int chunks) {
        List<String> texts = new ArrayList<>();
        float[][] dense = new float[chunks][];
        SparseVector[] sparse = new SparseVector[chunks];
        for (int k = 0; k < chunks; k++) {
            texts.add(id + " v" + version + " part " + k);
            dense[k] = new float[] {1, version % 7, k, 1};
            sparse[k] = BM25.encodeDocument(texts.get(k));
        }
        return new PreparedDocument(new DocumentInput(id, String.join(" ", texts), null), texts, dense, sparse);
    }
}
