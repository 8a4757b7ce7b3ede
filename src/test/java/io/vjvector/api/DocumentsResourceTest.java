package io.vjvector.api;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Documents with the local model: text_config collections, ingest, replace, delete, search modes, RAG without an LLM. */
@QuarkusTest
class DocumentsResourceTest {

    private static final String MODEL = "sentence-transformers/all-MiniLM-L6-v2";

    private static final String DOCS = """
            {"documents": [
              {"id": "cats", "text": "Cats are small domesticated felines. They purr when content and sleep most of the day.",
               "metadata": {"topic": "animals"}},
              {"id": "pasta", "text": "To cook pasta, boil salted water, add the spaghetti and stir. Drain it after ten minutes.",
               "metadata": {"topic": "cooking"}},
              {"id": "jupiter", "text": "Jupiter is the largest planet of the solar system, a gas giant with a great red spot.",
               "metadata": {"topic": "space"}},
              {"id": "long", "text": "%s", "metadata": {"topic": "space"}}
            ]}""".formatted(("Telescopes collect light from distant galaxies. Astronomers measure redshift to estimate distance. ").repeat(12).strip());

    private static String collection(String base) {
        String c = Qdrant.uniqueName(base);
        Qdrant.json("{\"text_config\": {\"model\": \"" + MODEL + "\", \"chunk_size\": 300, \"chunk_overlap\": 40}}")
                .put("/collections/" + c).then().statusCode(200);
        Qdrant.json(DOCS).post("/collections/" + c + "/documents").then().statusCode(200)
                .body("result.documents", equalTo(4))
                .body("result.chunks", greaterThan(4));
        return c;
    }

    private static String search(String c, String query, String mode) {
        return Qdrant.json("{\"query\": \"" + query + "\", \"mode\": \"" + mode + "\", \"limit\": 3}")
                .post("/collections/" + c + "/documents/search").then().statusCode(200)
                .extract().path("result[0].document_id");
    }

    @Test
    void textConfigCreatesDenseAndBm25VectorsAndIsReported() {
        String c = collection("docs_info");
        RestAssured.get("/collections/" + c).then().statusCode(200)
                .body("result.config.params.vectors.dense.size", equalTo(384))
                .body("result.config.params.vectors.dense.distance", equalTo("Cosine"))
                .body("result.config.params.sparse_vectors.bm25.modifier", equalTo("idf"))
                .body("result.config.text_config.model", equalTo("sentence-transformers/all-minilm-l6-v2"))
                .body("result.config.text_config.chunk_size", equalTo(300));
    }

    @Test
    void givenVectorsMustMatchTheModelsSize() {
        Qdrant.json("{\"text_config\": {\"model\": \"" + MODEL + "\"}, \"vectors\": {\"dense\": {\"size\": 5, \"distance\": \"Cosine\"}},"
                        + " \"sparse_vectors\": {\"bm25\": {\"modifier\": \"idf\"}}}")
                .put("/collections/" + Qdrant.uniqueName("docs_size")).then().statusCode(400)
                .body("status.error", allOf(containsString("384"), containsString("size 5")));
        Qdrant.json("{\"text_config\": {\"model\": \"no/such\"}}")
                .put("/collections/" + Qdrant.uniqueName("docs_model")).then().statusCode(400)
                .body("status.error", containsString("text_config.model"));
    }

    @Test
    void everyModeFindsTheDocumentAboutTheQuestion() {
        String c = collection("docs_modes");
        for (String mode : List.of("vector", "keyword", "hybrid")) {
            assertEquals("cats", search(c, "Why do cats purr?", mode), mode);
            assertEquals("pasta", search(c, "how long to boil spaghetti", mode), mode);
        }
        assertEquals("jupiter", search(c, "biggest planet", "vector"), "a paraphrase needs no shared word");
    }

    @Test
    void hitsCarryTextMetadataAndGroupingGivesOneChunkPerDocument() {
        String c = collection("docs_hits");
        Qdrant.json("{\"query\": \"galaxies and redshift\", \"limit\": 3}")
                .post("/collections/" + c + "/documents/search").then().statusCode(200)
                .body("result[0].document_id", equalTo("long"))
                .body("result[0].text", containsString("redshift"))
                .body("result[0].metadata.topic", equalTo("space"))
                .body("result[0].scores.hybrid", greaterThan(0f));
        List<String> docs = Qdrant.json("{\"query\": \"galaxies and redshift\", \"limit\": 3, \"group_by\": \"document_id\"}")
                .post("/collections/" + c + "/documents/search").then().statusCode(200)
                .extract().path("result.document_id");
        assertEquals(docs.size(), new HashSet<>(docs).size(), "one chunk per document: " + docs);
        Qdrant.json("{\"query\": \"planet\", \"filter\": {\"must\": [{\"key\": \"topic\", \"match\": {\"value\": \"cooking\"}}]}}")
                .post("/collections/" + c + "/documents/search").then().statusCode(200)
                .body("result.document_id", everyItem(equalTo("pasta")));
    }

    @Test
    void hybridHitsCarryTheScoresEachSingleModeGivesThem() {
        String c = collection("docs_scores");
        String query = "boil the spaghetti";
        Map<Object, Float> vector = scoresById(c, query, "vector");
        Map<Object, Float> keyword = scoresById(c, query, "keyword");
        List<Map<String, Object>> hits = Qdrant.json("{\"query\": \"" + query + "\", \"mode\": \"hybrid\", \"limit\": 100}")
                .post("/collections/" + c + "/documents/search").then().statusCode(200)
                .extract().path("result");
        assertEquals(vector.size(), hits.size(), "every chunk has a dense vector, so hybrid finds them all");
        assertTrue(keyword.size() < hits.size(), "some chunks share no word with the query: " + keyword);
        for (Map<String, Object> hit : hits) {
            @SuppressWarnings("unchecked")
            Map<String, Number> scores = (Map<String, Number>) hit.get("scores");
            Object id = hit.get("id");
            assertEquals(((Number) hit.get("score")).floatValue(), scores.get("hybrid").floatValue(), 1e-6, "fused score of " + id);
            assertEquals(vector.get(id), scores.get("vector").floatValue(), 1e-5, "vector score of " + id);
            if (keyword.containsKey(id)) {
                assertEquals(keyword.get(id), scores.get("keyword").floatValue(), 1e-4, "keyword score of " + id);
            } else {
                assertFalse(scores.containsKey("keyword"), "a chunk keyword search does not find has no keyword score: " + hit);
            }
        }
    }

    private static Map<Object, Float> scoresById(String c, String query, String mode) {
        List<Map<String, Object>> hits = Qdrant.json("{\"query\": \"" + query + "\", \"mode\": \"" + mode + "\", \"limit\": 100}")
                .post("/collections/" + c + "/documents/search").then().statusCode(200)
                .extract().path("result");
        Map<Object, Float> scores = new HashMap<>();
        hits.forEach(h -> scores.put(h.get("id"), ((Number) h.get("score")).floatValue()));
        return scores;
    }

    @Test
    void resendingADocumentReplacesAllItsChunksAndDeleteRemovesThem() {
        String c = collection("docs_replace");
        String countLong = "{\"filter\": {\"must\": [{\"key\": \"document_id\", \"match\": {\"value\": \"long\"}}]}}";
        int before = Qdrant.json(countLong).post("/collections/" + c + "/points/count").then().extract().path("result.count");
        Qdrant.json("{\"documents\": [{\"id\": \"long\", \"text\": \"Now a short text about comets.\"}]}")
                .post("/collections/" + c + "/documents").then().statusCode(200).body("result.chunks", equalTo(1));
        Qdrant.json(countLong).post("/collections/" + c + "/points/count").then().body("result.count", equalTo(1));
        assertEquals(true, before > 1, "the long text had several chunks: " + before);
        RestAssured.delete("/collections/" + c + "/documents/long").then().statusCode(200);
        Qdrant.json(countLong).post("/collections/" + c + "/points/count").then().body("result.count", equalTo(0));
    }

    @Test
    void aDocumentReadsBackWholeInChunkOrder() {
        String c = collection("docs_get");
        List<Integer> indexes = RestAssured.get("/collections/" + c + "/documents/long").then().statusCode(200)
                .body("result[0].document_id", equalTo("long"))
                .body("result[0].metadata.topic", equalTo("space"))
                .body("result[0].metadata.generation", nullValue())
                .extract().path("result.chunk_index");
        assertEquals(true, indexes.size() > 1, "several chunks: " + indexes);
        for (int i = 0; i < indexes.size(); i++) {
            assertEquals(i, indexes.get(i));
        }
        RestAssured.get("/collections/" + c + "/documents/nope").then().statusCode(404);
    }

    @Test
    void waitFalseQueuesTheIngestAndItsProgressIsReported() throws InterruptedException {
        String c = collection("docs_async");
        StringBuilder body = new StringBuilder("{\"documents\": [");
        for (int i = 0; i < 40; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\": \"n").append(i).append("\", \"text\": \"Note ").append(i)
                    .append(" about rivers and mountains. It has a second sentence.\"}");
        }
        int id = Qdrant.json(body.append("]}").toString()).post("/collections/" + c + "/documents?wait=false")
                .then().statusCode(200)
                .body("result.status", equalTo("acknowledged"))
                .extract().path("result.operation_id");
        String status = "queued";
        for (int i = 0; i < 600 && !status.equals("completed") && !status.equals("failed"); i++) {
            Thread.sleep(100);
            status = RestAssured.get("/collections/" + c + "/documents/operations/" + id).then().statusCode(200)
                    .extract().path("result.status");
        }
        RestAssured.get("/collections/" + c + "/documents/operations/" + id).then().statusCode(200)
                .body("result.status", equalTo("completed"))
                .body("result.documents_total", equalTo(40))
                .body("result.documents_done", equalTo(40))
                .body("result.chunks_done", equalTo(40))
                .body("result.chunks_per_second", greaterThan(0f))
                .body("result.errors", hasSize(0));
        RestAssured.get("/collections/" + c + "/documents/n39").then().statusCode(200);
        RestAssured.get("/collections/" + c + "/documents/operations/999999").then().statusCode(404);
        RestAssured.get("/collections/" + c + "/documents/operations/x").then().statusCode(400)
                .body("status.error", containsString("operation_id"));
        Qdrant.json("{\"documents\": [{\"text\": \"x\"}]}").post("/collections/" + c + "/documents?wait=maybe")
                .then().statusCode(400).body("status.error", containsString("wait"));
        Qdrant.json("{\"documents\": [{\"text\": \"x\"}]}").post("/collections/nope_docs/documents?wait=false")
                .then().statusCode(404);
    }

    @Test
    void metadataMayNotUseTheKeysTheServerSets() {
        String c = collection("docs_reserved");
        Qdrant.json("{\"documents\": [{\"text\": \"x\", \"metadata\": {\"generation\": 3}}]}")
                .post("/collections/" + c + "/documents").then().statusCode(400)
                .body("status.error", containsString("documents[0].metadata.generation"));
    }

    @Test
    void ragWithoutAnLlmAnswersNullWithNumberedCitations() {
        String c = collection("docs_rag");
        Qdrant.json("{\"question\": \"What do cats do when content?\", \"limit\": 2}")
                .post("/collections/" + c + "/rag").then().statusCode(200)
                .body("result.answer", nullValue())
                .body("result.citations", hasSize(2))
                .body("result.citations[0].number", equalTo(1))
                .body("result.citations[0].document_id", equalTo("cats"))
                .body("result.context", containsString("[1] Cats"));
    }

    @Test
    void localModelDocumentObjectsWorkOnPlainPointsToo() {
        String c = Qdrant.uniqueName("docs_points");
        Qdrant.json("{\"vectors\": {\"size\": 384, \"distance\": \"Cosine\"}}").put("/collections/" + c).then().statusCode(200);
        Qdrant.upsert(c, """
                {"points": [{"id": 1, "vector": {"text": "A kitten sleeps on the sofa.", "model": "%1$s"}},
                            {"id": 2, "vector": {"text": "Interest rates rose again.", "model": "%1$s"}}]}""".formatted(MODEL));
        Qdrant.json("{\"query\": {\"text\": \"a cat napping\", \"model\": \"" + MODEL + "\"}, \"limit\": 1}")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points[0].id", equalTo(1));
        Qdrant.json("{\"vectors\": {\"size\": 8, \"distance\": \"Cosine\"}}").put("/collections/" + c + "_8").then().statusCode(200);
        Qdrant.json("{\"points\": [{\"id\": 1, \"vector\": {\"text\": \"x\", \"model\": \"" + MODEL + "\"}}]}")
                .put("/collections/" + c + "_8/points").then().statusCode(400)
                .body("status.error", allOf(containsString("size 384"), containsString("size 8")));
        Qdrant.json("{\"documents\": [{\"text\": \"x\"}]}").post("/collections/" + c + "/documents").then().statusCode(400)
                .body("status.error", not(containsString("Exception")));
    }
}
