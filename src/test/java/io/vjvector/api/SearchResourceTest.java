package io.vjvector.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SearchResourceTest {

    private static String collection() {
        String c = Qdrant.createCollection("search", 4, "Dot");
        Qdrant.upsertFour(c);
        return c;
    }

    @Test
    void searchAnswersScoredPointsShapedAsQdrants() {
        String c = collection();
        Qdrant.json("{\"vector\": [1, 0, 0, 0], \"limit\": 2}").post("/collections/" + c + "/points/search")
                .then().statusCode(200)
                .body("status", equalTo("ok"))
                .body("result.id", contains(1, 2))
                .body("result.score", contains(1.0f, 0.9f))
                .body("result[0].version", isA(Integer.class))
                .body("result[0]", hasKey("payload"))
                .body("result[0].payload", nullValue())
                .body("result[0].vector", nullValue())
                .body("result[0]", not(hasKey("shard_key")));
    }

    @Test
    void withPayloadSelectorsAndWithVector() {
        String c = collection();
        String search = "/collections/" + c + "/points/search";
        Qdrant.json("{\"vector\": [1, 0, 0, 0], \"top\": 1, \"with_payload\": true, \"with_vector\": true}").post(search)
                .then().statusCode(200)
                .body("result[0].payload", equalTo(Map.of("city", "Berlin", "n", 1)))
                .body("result[0].vector", contains(1f, 0f, 0f, 0f));
        Qdrant.json("{\"vector\": [1, 0, 0, 0], \"limit\": 1, \"with_payload\": [\"n\"]}").post(search)
                .then().body("result[0].payload", equalTo(Map.of("n", 1)));
        Qdrant.json("{\"vector\": [1, 0, 0, 0], \"limit\": 1, \"with_payload\": {\"include\": [\"city\"]}}").post(search)
                .then().body("result[0].payload", equalTo(Map.of("city", "Berlin")));
        Qdrant.json("{\"vector\": [1, 0, 0, 0], \"limit\": 1, \"with_payload\": {\"exclude\": [\"city\"]}}").post(search)
                .then().body("result[0].payload", equalTo(Map.of("n", 1)));
    }

    @Test
    void filterOffsetScoreThresholdAndExactParams() {
        String c = collection();
        String search = "/collections/" + c + "/points/search";
        Qdrant.json("""
                {"vector": [1, 0, 0, 0], "limit": 5, "params": {"exact": true, "hnsw_ef": 64},
                 "filter": {"must": [{"key": "city", "match": {"value": "Berlin"}}]}}""").post(search)
                .then().statusCode(200).body("result.id", contains(1, 3));
        Qdrant.json("{\"vector\": [1, 0, 0, 0], \"limit\": 1, \"offset\": 1}").post(search)
                .then().body("result.id", contains(2));
        Qdrant.json("{\"vector\": [1, 0, 0, 0], \"limit\": 10, \"score_threshold\": 0.95}").post(search)
                .then().body("result.id", contains(1));
    }

    @Test
    void searchBatchAnswersOneListPerSearch() {
        String c = collection();
        Qdrant.json("""
                {"searches": [{"vector": [1, 0, 0, 0], "limit": 1}, {"vector": [0, 0, 1, 0], "limit": 1}]}""")
                .post("/collections/" + c + "/points/search/batch")
                .then().statusCode(200)
                .body("result", hasSize(2))
                .body("result[0].id", contains(1))
                .body("result[1].id", contains("f47ac10b-58cc-4372-a567-0e02b2c3d479"));
    }

    @Test
    void recommendExcludesItsExamples() {
        String c = collection();
        Qdrant.json("{\"positive\": [1], \"limit\": 1}").post("/collections/" + c + "/points/recommend")
                .then().statusCode(200).body("result.id", contains(2));
        Qdrant.json("{\"positive\": [[1, 0, 0, 0]], \"negative\": [3], \"limit\": 1, \"strategy\": \"average_vector\"}")
                .post("/collections/" + c + "/points/recommend")
                .then().statusCode(200).body("result.id", contains(1));
    }

    @Test
    void recommendBatch() {
        String c = collection();
        Qdrant.json("{\"searches\": [{\"positive\": [1], \"limit\": 1}, {\"positive\": [2], \"limit\": 1}]}")
                .post("/collections/" + c + "/points/recommend/batch")
                .then().statusCode(200).body("result[0].id", contains(2)).body("result[1].id", contains(1));
    }
}
