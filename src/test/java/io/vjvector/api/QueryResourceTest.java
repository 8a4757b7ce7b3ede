package io.vjvector.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QueryResourceTest {

    private static String collection() {
        String c = Qdrant.createCollection("query", 4, "Dot");
        Qdrant.upsertFour(c);
        return c;
    }

    @Test
    void queryByVectorAnswersPoints() {
        String c = collection();
        Qdrant.json("{\"query\": [1, 0, 0, 0], \"limit\": 2, \"with_payload\": true}").post("/collections/" + c + "/points/query")
                .then().statusCode(200)
                .body("status", equalTo("ok"))
                .body("result.points.id", contains(1, 2))
                .body("result.points.score", contains(1.0f, 0.9f))
                .body("result.points[0].payload.city", equalTo("Berlin"));
    }

    @Test
    void queryWithoutLimitReturnsTen() {
        String c = Qdrant.createCollection("query_default_limit", 2, "Dot");
        StringBuilder points = new StringBuilder("{\"points\": [");
        for (int i = 1; i <= 12; i++) {
            points.append(i > 1 ? "," : "").append("{\"id\": ").append(i).append(", \"vector\": [1, ").append(i).append("]}");
        }
        Qdrant.upsert(c, points.append("]}").toString());
        Qdrant.json("{\"query\": [1, 1]}").post("/collections/" + c + "/points/query")
                .then().statusCode(200).body("result.points", hasSize(10));
    }

    @Test
    void queryByPointIdIsNearestToThatPointExcludingIt() {
        String c = collection();
        Qdrant.json("{\"query\": 1, \"limit\": 1}").post("/collections/" + c + "/points/query")
                .then().statusCode(200).body("result.points.id", contains(2));
        Qdrant.json("{\"query\": {\"nearest\": 2}, \"limit\": 1}").post("/collections/" + c + "/points/query")
                .then().statusCode(200).body("result.points.id", contains(1));
    }

    @Test
    void nearestAndRecommendQueries() {
        String c = collection();
        String query = "/collections/" + c + "/points/query";
        Qdrant.json("{\"query\": {\"nearest\": [0, 1, 0, 0]}, \"limit\": 1}").post(query)
                .then().statusCode(200).body("result.points.id", contains(3));
        Qdrant.json("{\"query\": {\"recommend\": {\"positive\": [1], \"negative\": [[0, 0, 1, 0]]}}, \"limit\": 1}").post(query)
                .then().statusCode(200).body("result.points.id", contains(2));
        Qdrant.json("""
                {"query": [1, 0, 0, 0], "limit": 5, "filter": {"must": [{"key": "n", "range": {"gt": 1}}]},
                 "params": {"exact": true}, "score_threshold": 0.5}""").post(query)
                .then().statusCode(200).body("result.points.id", contains(2));
    }

    @Test
    void queryBatchAnswersOneResultPerQuery() {
        String c = collection();
        Qdrant.json("{\"searches\": [{\"query\": [1, 0, 0, 0], \"limit\": 1}, {\"query\": 3, \"limit\": 1}]}")
                .post("/collections/" + c + "/points/query/batch")
                .then().statusCode(200)
                .body("result", hasSize(2))
                .body("result[0].points.id", contains(1))
                .body("result[1].points.id", contains(2));
    }
}
