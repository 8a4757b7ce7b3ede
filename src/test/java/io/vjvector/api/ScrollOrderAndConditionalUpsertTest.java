package io.vjvector.api;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scroll with {@code order_by} and upsert with {@code update_filter}. */
@QuarkusTest
class ScrollOrderAndConditionalUpsertTest {

    private static String prices() {
        String c = Qdrant.createCollection("order_by", 4, "Dot");
        Qdrant.upsert(c, """
                {"points": [
                  {"id": 1, "vector": [1, 0, 0, 0], "payload": {"price": 30, "at": "2024-01-03T00:00:00Z"}},
                  {"id": 2, "vector": [0, 1, 0, 0], "payload": {"price": 10.5, "at": "2024-01-01T00:00:00Z"}},
                  {"id": 3, "vector": [0, 0, 1, 0], "payload": {"price": 20, "at": "2024-01-02T00:00:00Z"}},
                  {"id": 4, "vector": [0, 0, 0, 1], "payload": {"other": 1}}
                ]}""");
        Qdrant.json("{\"field_name\": \"price\", \"field_schema\": \"float\"}").put("/collections/" + c + "/index")
                .then().statusCode(200);
        Qdrant.json("{\"field_name\": \"at\", \"field_schema\": \"datetime\"}").put("/collections/" + c + "/index")
                .then().statusCode(200);
        return c;
    }

    @Test
    void scrollOrderedByAKeyAscendingWithOrderValues() {
        String c = prices();
        Qdrant.json("{\"order_by\": \"price\"}").post("/collections/" + c + "/points/scroll").then().statusCode(200)
                .body("result.points.id", equalTo(List.of(2, 3, 1)))
                .body("result.points[0].order_value", equalTo(10.5f))
                .body("result.next_page_offset", nullValue());
    }

    @Test
    void scrollOrderedDescendingFromAStartValue() {
        String c = prices();
        Qdrant.json("{\"order_by\": {\"key\": \"price\", \"direction\": \"desc\", \"start_from\": 25}, \"limit\": 1}")
                .post("/collections/" + c + "/points/scroll").then().statusCode(200)
                .body("result.points.id", equalTo(List.of(3)));
        Qdrant.json("{\"order_by\": {\"key\": \"at\", \"start_from\": \"2024-01-02T00:00:00Z\"}}")
                .post("/collections/" + c + "/points/scroll").then().statusCode(200)
                .body("result.points.id", equalTo(List.of(3, 1)));
    }

    @Test
    void updateFilterReplacesOnlyMatchingPointsAndInsertsNewOnes() {
        String c = Qdrant.createCollection("update_filter", 4, "Dot");
        Qdrant.upsertFour(c);
        Qdrant.json("""
                {"points": [
                  {"id": 1, "vector": [1, 0, 0, 0], "payload": {"v": "replaced"}},
                  {"id": 2, "vector": [1, 0, 0, 0], "payload": {"v": "replaced"}},
                  {"id": 9, "vector": [1, 0, 0, 0], "payload": {"v": "new"}}
                ],
                 "update_filter": {"must": [{"key": "city", "match": {"value": "Berlin"}}]}}""")
                .put("/collections/" + c + "/points?wait=true").then().statusCode(200)
                .body("result.status", equalTo("completed"));
        get("/collections/" + c + "/points/1").then().body("result.payload", equalTo(Map.of("v", "replaced")));
        get("/collections/" + c + "/points/2").then().body("result.payload", equalTo(Map.of("city", "London", "n", 2)));
        get("/collections/" + c + "/points/9").then().body("result.payload", equalTo(Map.of("v", "new")));
    }
}
