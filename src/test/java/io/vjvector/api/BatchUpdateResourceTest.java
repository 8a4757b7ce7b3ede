package io.vjvector.api;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BatchUpdateResourceTest {

    @Test
    void operationsApplyInOrderWithOneResultEach() {
        String c = Qdrant.createCollection("batch", 4, "Dot");
        Qdrant.upsertFour(c);
        Qdrant.json("""
                {"operations": [
                  {"upsert": {"points": [{"id": 7, "vector": [0, 0, 0, 1], "payload": {"a": 1}}]}},
                  {"set_payload": {"payload": {"b": 2}, "points": [7]}},
                  {"overwrite_payload": {"payload": {"only": true}, "points": [1]}},
                  {"delete_payload": {"keys": ["n"], "points": [2]}},
                  {"clear_payload": {"points": [3]}},
                  {"delete": {"points": ["f47ac10b-58cc-4372-a567-0e02b2c3d479"]}}
                ]}""").post("/collections/" + c + "/points/batch?wait=true")
                .then().statusCode(200)
                .body("result", hasSize(6))
                .body("result[5].status", equalTo("completed"));
        get("/collections/" + c + "/points/7").then().body("result.payload", equalTo(Map.of("a", 1, "b", 2)));
        get("/collections/" + c + "/points/1").then().body("result.payload", equalTo(Map.of("only", true)));
        get("/collections/" + c + "/points/2").then().body("result.payload", equalTo(Map.of("city", "London")));
        get("/collections/" + c + "/points/3").then().body("result.payload", equalTo(Map.of()));
        get("/collections/" + c + "/points/f47ac10b-58cc-4372-a567-0e02b2c3d479").then().statusCode(404);
    }

    @Test
    void laterOperationsSeeEarlierOnes() {
        String c = Qdrant.createCollection("batch_order", 4, "Dot");
        Qdrant.json("""
                {"operations": [
                  {"upsert": {"points": [{"id": 1, "vector": [1, 0, 0, 0], "payload": {"v": 1}}]}},
                  {"delete": {"filter": {"must": [{"key": "v", "match": {"value": 1}}]}}},
                  {"upsert": {"batch": {"ids": [2], "vectors": [[0, 1, 0, 0]], "payloads": [{"v": 2}]}}}
                ]}""").post("/collections/" + c + "/points/batch").then().statusCode(200).body("result", hasSize(3));
        Qdrant.json("{}").post("/collections/" + c + "/points/scroll").then().statusCode(200)
                .body("result.points.id", equalTo(java.util.List.of(2)));
    }
}
