package io.vjvector.api;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PayloadResourceTest {

    private static void payloadOf(String c, int id, Object expected) {
        get("/collections/" + c + "/points/" + id).then().statusCode(200).body("result.payload", equalTo(expected));
    }

    @Test
    void setMergesKeysIntoSelectedPoints() {
        String c = Qdrant.createCollection("set_payload", 4, "Dot");
        Qdrant.upsertFour(c);
        Qdrant.json("{\"payload\": {\"flag\": true}, \"points\": [1]}").post("/collections/" + c + "/points/payload?wait=true")
                .then().statusCode(200).body("result.status", equalTo("completed"));
        payloadOf(c, 1, Map.of("city", "Berlin", "n", 1, "flag", true));
    }

    @Test
    void setByFilterAndAtANestedKey() {
        String c = Qdrant.createCollection("set_payload_key", 4, "Dot");
        Qdrant.upsertFour(c);
        Qdrant.json("{\"payload\": {\"x\": 1}, \"filter\": {\"must\": [{\"key\": \"city\", \"match\": {\"value\": \"London\"}}]}}")
                .post("/collections/" + c + "/points/payload").then().statusCode(200);
        payloadOf(c, 2, Map.of("city", "London", "n", 2, "x", 1));
        Qdrant.json("{\"payload\": {\"y\": 2}, \"points\": [3], \"key\": \"meta\"}")
                .post("/collections/" + c + "/points/payload").then().statusCode(200);
        payloadOf(c, 3, Map.of("city", "Berlin", "n", 3, "meta", Map.of("y", 2)));
    }

    @Test
    void overwriteReplacesThePayload() {
        String c = Qdrant.createCollection("overwrite_payload", 4, "Dot");
        Qdrant.upsertFour(c);
        Qdrant.json("{\"payload\": {\"only\": \"this\"}, \"points\": [1]}").put("/collections/" + c + "/points/payload")
                .then().statusCode(200).body("result.status", equalTo("completed"));
        payloadOf(c, 1, Map.of("only", "this"));
    }

    @Test
    void deleteKeysAndClear() {
        String c = Qdrant.createCollection("delete_payload", 4, "Dot");
        Qdrant.upsertFour(c);
        Qdrant.json("{\"keys\": [\"n\"], \"points\": [1, 2]}").post("/collections/" + c + "/points/payload/delete")
                .then().statusCode(200).body("result.status", equalTo("completed"));
        payloadOf(c, 1, Map.of("city", "Berlin"));
        Qdrant.json("{\"points\": [3]}").post("/collections/" + c + "/points/payload/clear")
                .then().statusCode(200).body("result.status", equalTo("completed"));
        payloadOf(c, 3, Map.of());
    }
}
