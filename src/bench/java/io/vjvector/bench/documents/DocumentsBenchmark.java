package io.vjvector.bench.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.bench.sparse.Latencies;
import io.vjvector.bench.sparse.TextCorpus;
import io.vjvector.document.RetrievalEvalSet;
import io.vjvector.engine.storage.DirectoryTree;
import io.vjvector.ops.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Documents end to end, against the packaged service over loopback HTTP with the local model
 * (run {@code ./mvnw -B package -DskipTests} first, then
 * {@code ./mvnw -B -Pbench verify -Dbench=documents}):
 * <ol>
 * <li><b>Ingestion:</b> documents of {@code --passages} dictionary passages each (GCIDE, as the
 *     sparse benchmark reads it), posted {@code --batch} documents per request with
 *     {@code wait=true} into a collection with the default chunking; chunks/s over the whole run
 *     (chunking, embedding, BM25, storage, index).
 * <li><b>Quality:</b> the retrieval evaluation set of the tests, recall@5 and MRR@10 per mode.
 * <li><b>Latency:</b> {@code /documents/search} (limit 5) per mode, single client: each question
 *     once with a text the server has not seen (the model embeds it) and then {@code --repeats}
 *     passes over the same questions (the embedding comes from the cache), modes rotating.
 * </ol>
 * Options: {@code --docs} (300), {@code --passages} (6), {@code --batch} (50), {@code --repeats}
 * (5), {@code --corpus} (a gzip or plain text file; default the GCIDE dictionary file).
 */
public final class DocumentsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODES = List.of("vector", "keyword", "hybrid");

    private final ServiceProcess service;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private DocumentsBenchmark(ServiceProcess service) {
        this.service = service;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("docs", "300", "passages", "6", "batch", "50",
                "repeats", "5", "corpus", TextCorpus.DEFAULT_FILE.toString()));
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            if (kv.length != 2 || !options.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown option " + a + "; options: " + options.keySet());
            }
            options.put(kv[0], kv[1]);
        }
        System.out.printf(Locale.ROOT, "documents benchmark: %s java=%s cores=%d load=%s%n", options,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Latencies.loadAverage());
        Path root = Files.createDirectories(Path.of("target", "bench-documents"));
        Path data = Files.createTempDirectory(root, "data-");
        try (ServiceProcess service = ServiceProcess.start(data, List.of("-Xmx2g"), Map.of(), root.resolve("service.log"),
                Duration.ofSeconds(120))) {
            DocumentsBenchmark bench = new DocumentsBenchmark(service);
            bench.ingestion(Path.of(options.get("corpus")), Integer.parseInt(options.get("docs")),
                    Integer.parseInt(options.get("passages")), Integer.parseInt(options.get("batch")));
            bench.qualityAndLatency(Integer.parseInt(options.get("repeats")));
            service.stop();
        } finally {
            DirectoryTree.delete(data);
        }
    }

    private void ingestion(Path corpusFile, int docs, int passagesPerDoc, int batch) throws Exception {
        TextCorpus corpus = TextCorpus.load(corpusFile, docs * passagesPerDoc, 7);
        createCollection("bench_ingest", "");
        // The model loads on first use: pay for that before timing.
        post("/collections/bench_ingest/documents", "{\"documents\": [{\"id\": \"warm\", \"text\": \"warm up\"}]}");
        String loadBefore = Latencies.loadAverage();
        long start = System.nanoTime();
        int chunks = 0;
        for (int from = 0; from < docs; from += batch) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode documents = body.putArray("documents");
            for (int d = from; d < Math.min(docs, from + batch); d++) {
                StringBuilder text = new StringBuilder();
                for (int p = 0; p < passagesPerDoc; p++) {
                    text.append(corpus.documents().get(d * passagesPerDoc + p)).append(p % 3 == 2 ? "\n\n" : " ");
                }
                documents.addObject().put("id", "doc-" + d).put("text", text.toString());
            }
            chunks += post("/collections/bench_ingest/documents?wait=true", body.toString()).path("result").path("chunks").asInt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "ingestion: %d documents, %d chunks in %.1f s: %.1f chunks/s, %.1f documents/s"
                + " (load %s -> %s)%n", docs, chunks, seconds, chunks / seconds, docs / seconds, loadBefore,
                Latencies.loadAverage());
    }

    private void qualityAndLatency(int repeats) throws Exception {
        RetrievalEvalSet set = RetrievalEvalSet.load();
        createCollection("bench_eval", ", \"chunk_size\": 1000, \"chunk_overlap\": 0");
        ObjectNode body = JSON.createObjectNode();
        ArrayNode documents = body.putArray("documents");
        set.passages().forEach((id, text) -> documents.addObject().put("id", id).put("text", text));
        post("/collections/bench_eval/documents?wait=true", body.toString());

        Map<String, List<Long>> fresh = new LinkedHashMap<>();
        Map<String, List<Long>> cached = new LinkedHashMap<>();
        for (String mode : MODES) {
            fresh.put(mode, new ArrayList<>());
            cached.put(mode, new ArrayList<>());
        }
        String loadBefore = Latencies.loadAverage();
        for (int m = 0; m < MODES.size(); m++) {
            String mode = MODES.get(m);
            for (RetrievalEvalSet.Question q : set.questions()) {
                // A question the server has never embedded: a word it has not seen appended.
                search(mode, q.text() + " " + m, 5, fresh.get(mode));
            }
        }
        for (int pass = 0; pass < repeats; pass++) {
            for (int m = 0; m < MODES.size(); m++) {
                String mode = MODES.get((m + pass) % MODES.size());
                for (RetrievalEvalSet.Question q : set.questions()) {
                    search(mode, q.text(), 5, cached.get(mode));
                }
            }
        }
        String loadAfter = Latencies.loadAverage();
        System.out.println();
        System.out.printf(Locale.ROOT, "quality: %d passages, %d questions%n", set.passages().size(), set.questions().size());
        System.out.println("| mode | recall@5 | MRR@10 |");
        System.out.println("|---|---:|---:|");
        for (String mode : MODES) {
            System.out.println(set.score(mode, (question, depth) -> ids(mode, question, depth)));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "latency of /documents/search, limit 5, one client (load %s -> %s):%n", loadBefore, loadAfter);
        System.out.println("| mode | new question p50 | p99 | repeated question (cached embedding) p50 | p99 |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String mode : MODES) {
            Latencies f = latencies(fresh.get(mode));
            Latencies c = latencies(cached.get(mode));
            System.out.printf(Locale.ROOT, "| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", mode,
                    f.percentileMillis(50), f.percentileMillis(99), c.percentileMillis(50), c.percentileMillis(99));
        }
    }

    private void search(String mode, String question, int limit, List<Long> latencies) {
        long start = System.nanoTime();
        ids(mode, question, limit);
        latencies.add(System.nanoTime() - start);
    }

    private static Latencies latencies(List<Long> nanos) {
        return new Latencies(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    private List<String> ids(String mode, String question, int limit) {
        try {
            ObjectNode q = JSON.createObjectNode().put("query", question).put("mode", mode).put("limit", limit);
            List<String> ids = new ArrayList<>();
            post("/collections/bench_eval/documents/search", q.toString()).path("result")
                    .forEach(hit -> ids.add(hit.path("document_id").asText()));
            return ids;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void createCollection(String name, String textConfig) throws Exception {
        HttpResponse<String> r = send("PUT", "/collections/" + name,
                "{\"text_config\": {\"model\": \"sentence-transformers/all-minilm-l6-v2\"" + textConfig + "}}");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("create " + name + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", path, body);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
