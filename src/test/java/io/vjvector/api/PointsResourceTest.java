package io.vjvector.api;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PointsResourceTest {

    private static final String UUID = "f47ac10b-58cc-4372-a567-0e02b2c3d479";

    @Test
    void upsertListFormAnswersOperationIdAndCompleted() {
        String c = Qdrant.createCollection("upsert_list", 4, "Dot");
        Qdrant.json("{\"points\": [{\"id\": 1, \"vector\": [1, 2, 3, 4], \"payload\": {\"a\": 1}}]}")
                .put("/collections/" + c + "/points?wait=true")
                .then().statusCode(200)
                .body("status", equalTo("ok"))
                .body("result.operation_id", isA(Integer.class))
                .body("result.status", equalTo("completed"));
        assertEquals(1, Qdrant.count(c));
    }

    @Test
    void upsertBatchFormWithAndWithoutPayloads() {
        String c = Qdrant.createCollection("upsert_batch", 2, "Dot");
        Qdrant.upsert(c, "{\"batch\": {\"ids\": [1, 2], \"vectors\": [[1, 0], [0, 1]], \"payloads\": [{\"k\": \"a\"}, null]}}");
        Qdrant.upsert(c, "{\"batch\": {\"ids\": [3], \"vectors\": [[1, 1]]}}");
        assertEquals(3, Qdrant.count(c));
        Qdrant.json("{\"ids\": [1, 2, 3], \"with_payload\": true}").post("/collections/" + c + "/points")
                .then().statusCode(200)
                .body("result.id", contains(1, 2, 3))
                .body("result[0].payload.k", equalTo("a"))
                .body("result[1].payload", equalTo(Map.of()));
    }

    @Test
    void retrieveReturnsRecordsInTheOrderAskedSkippingMissingIds() {
        String c = Qdrant.createCollection("retrieve", 4, "Dot");
        Qdrant.upsertFour(c);
        Qdrant.json("{\"ids\": [\"" + UUID + "\", 99, 2], \"with_vector\": true}").post("/collections/" + c + "/points")
                .then().statusCode(200)
                .body("result", hasSize(2))
                .body("result[0].id", equalTo(UUID))
                .body("result[0].vector", contains(0f, 0f, 1f, 0f))
                .body("result[0].payload", equalTo(Map.of()))
                .body("result[1].id", equalTo(2))
                .body("result[1].payload.city", equalTo("London"));
        Qdrant.json("{\"ids\": [1], \"with_payload\": false}").post("/collections/" + c + "/points")
                .then().statusCode(200)
                .body("result[0].payload", nullValue())
                .body("result[0].vector", nullValue());
    }

    @Test
    void getOnePointWithPayloadAndVector() {
        String c = Qdrant.createCollection("get_point", 4, "Dot");
        Qdrant.upsertFour(c);
        get("/collections/" + c + "/points/3").then().statusCode(200)
                .body("result.id", equalTo(3))
                .body("result.payload.city", equalTo("Berlin"))
                .body("result.vector", contains(0f, 1f, 0f, 0f));
        get("/collections/" + c + "/points/" + UUID).then().statusCode(200).body("result.id", equalTo(UUID));
        get("/collections/" + c + "/points/77").then().statusCode(404)
                .body("status.error", containsString("77"));
    }

    @Test
    void idsRoundTripUpToTheLargestUnsigned64BitInteger() {
        String c = Qdrant.createCollection("big_ids", 2, "Dot");
        Qdrant.upsert(c, "{\"points\": [{\"id\": 18446744073709551615, \"vector\": [1, 0]}, {\"id\": 0, \"vector\": [0, 1]}]}");
        String body = Qdrant.json("{\"limit\": 10}").post("/collections/" + c + "/points/scroll")
                .then().statusCode(200).extract().asString();
        // Raw text: an unsigned id above 2^63 - 1 must be printed as the same JSON number.
        assertTrue(body.contains("\"id\":18446744073709551615"), body);
        assertTrue(body.contains("\"id\":0"), body);
        get("/collections/" + c + "/points/18446744073709551615").then().statusCode(200);
    }

    @Test
    void deleteByIdsAndByFilter() {
        String c = Qdrant.createCollection("delete_points", 4, "Dot");
        Qdrant.upsertFour(c);
        Qdrant.json("{\"points\": [1, \"" + UUID + "\"]}").post("/collections/" + c + "/points/delete?wait=true")
                .then().statusCode(200).body("result.status", equalTo("completed"));
        assertEquals(2, Qdrant.count(c));
        Qdrant.json("{\"filter\": {\"must\": [{\"key\": \"city\", \"match\": {\"value\": \"Berlin\"}}]}}")
                .post("/collections/" + c + "/points/delete")
                .then().statusCode(200).body("result.status", equalTo("completed"));
        Qdrant.json("{}").post("/collections/" + c + "/points/scroll").then().body("result.points.id", contains(2));
    }

    @Test
    void scrollPagesInIdOrderWithNextPageOffset() {
        String c = Qdrant.createCollection("scroll", 4, "Dot");
        Qdrant.upsertFour(c);
        Qdrant.json("{\"limit\": 2}").post("/collections/" + c + "/points/scroll").then().statusCode(200)
                .body("result.points.id", contains(1, 2))
                .body("result.points[0].payload.city", equalTo("Berlin"))
                .body("result.points[0].vector", nullValue())
                .body("result.next_page_offset", equalTo(3));
        Qdrant.json("{\"limit\": 2, \"offset\": 3, \"with_payload\": false, \"with_vector\": true}")
                .post("/collections/" + c + "/points/scroll").then().statusCode(200)
                .body("result.points.id", contains(3, UUID))
                .body("result.points[0].payload", nullValue())
                .body("result.points[0].vector", contains(0f, 1f, 0f, 0f))
                .body("result.next_page_offset", nullValue());
    }

    @Test
    void scrollWithFilterAndWithoutBody() {
        String c = Qdrant.createCollection("scroll_filter", 4, "Dot");
        Qdrant.upsertFour(c);
        Qdrant.json("{\"filter\": {\"must\": [{\"key\": \"n\", \"range\": {\"gte\": 2}}]}}")
                .post("/collections/" + c + "/points/scroll").then().statusCode(200)
                .body("result.points.id", contains(2, 3));
        given().contentType("application/json").post("/collections/" + c + "/points/scroll")
                .then().statusCode(200).body("result.points", hasSize(4));
    }

    @Test
    void countAllAndFiltered() {
        String c = Qdrant.createCollection("count", 4, "Dot");
        Qdrant.upsertFour(c);
        Qdrant.json("{\"exact\": true}").post("/collections/" + c + "/points/count")
                .then().statusCode(200).body("result.count", equalTo(4));
        Qdrant.json("{\"filter\": {\"must\": [{\"key\": \"city\", \"match\": {\"value\": \"Berlin\"}}]}}")
                .post("/collections/" + c + "/points/count")
                .then().statusCode(200).body("result.count", equalTo(2));
    }
}
