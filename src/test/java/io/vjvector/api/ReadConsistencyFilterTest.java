package io.vjvector.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Qdrant's {@code consistency} (reads) and {@code ordering} (writes) query parameters on a
 * standalone node: every valid value is accepted (one copy answers them all), any other is a 400
 * naming the parameter. A {@code timeout} in whole seconds is accepted on reads and collection
 * operations (the refused ones are in {@link BadInputTest}).
 */
@QuarkusTest
class ReadConsistencyFilterTest {

    @Test
    void everyValidConsistencyReadsTheOneCopy() {
        String c = Qdrant.createCollection("consistency", 4, "Dot");
        Qdrant.upsertFour(c);
        for (String value : new String[] {"1", "2", "majority", "quorum", "all"}) {
            Qdrant.json("{\"vector\": [1, 0, 0, 0], \"limit\": 10}")
                    .post("/collections/" + c + "/points/search?consistency=" + value)
                    .then().statusCode(200).body("result", hasSize(4));
            Qdrant.json("{}").post("/collections/" + c + "/points/count?consistency=" + value)
                    .then().statusCode(200).body("result.count", equalTo(4));
            given().get("/collections/" + c + "/points/1?consistency=" + value).then().statusCode(200);
        }
    }

    @Test
    void aBadConsistencyIsABadRequestNamingIt() {
        String c = Qdrant.createCollection("consistency", 4, "Dot");
        Qdrant.upsertFour(c);
        for (String path : new String[] {"/points/search", "/points/query", "/points/scroll", "/points/count",
                "/points", "/points/search/groups", "/facet"}) {
            Qdrant.json("{}").post("/collections/" + c + path + "?consistency=0").then().statusCode(400)
                    .body("status.error", containsString("consistency"));
        }
        Qdrant.json("{}").post("/collections/" + c + "/points/scroll?consistency=most").then().statusCode(400)
                .body("status.error", containsString("consistency: consistency must be a positive number"));
        given().get("/collections/" + c + "/points/1?consistency=-2").then().statusCode(400);
    }

    @Test
    void orderingIsCheckedOnWrites() {
        String c = Qdrant.createCollection("ordering", 4, "Dot");
        for (String value : new String[] {"weak", "medium", "strong"}) {
            Qdrant.json("{\"points\": [{\"id\": 1, \"vector\": [1, 0, 0, 0]}]}")
                    .put("/collections/" + c + "/points?wait=true&ordering=" + value).then().statusCode(200);
        }
        Qdrant.json("{\"points\": [{\"id\": 2, \"vector\": [1, 0, 0, 0]}]}")
                .put("/collections/" + c + "/points?ordering=strongest").then().statusCode(400)
                .body("status.error", containsString("ordering"));
        Qdrant.json("{\"points\": [1]}").post("/collections/" + c + "/points/delete?ordering=x").then().statusCode(400);
        Qdrant.json("{\"payload\": {\"a\": 1}, \"points\": [1]}")
                .post("/collections/" + c + "/points/payload?ordering=x").then().statusCode(400);
        Qdrant.json("{\"operations\": []}").post("/collections/" + c + "/points/batch?ordering=x").then().statusCode(400);
        Qdrant.json("{\"field_name\": \"a\", \"field_schema\": \"keyword\"}")
                .put("/collections/" + c + "/index?ordering=x").then().statusCode(400);
        Qdrant.json("{\"filter\": {}}").post("/collections/" + c + "/points/count?ordering=x").then().statusCode(200);
    }

    @Test
    void aTimeoutInWholeSecondsIsAcceptedOnReadsAndCollectionOperations() {
        String c = Qdrant.uniqueName("timeout");
        Qdrant.json("{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}}").put("/collections/" + c + "?timeout=5")
                .then().statusCode(200);
        Qdrant.upsertFour(c);
        Qdrant.json("{\"vector\": [1, 0, 0, 0], \"limit\": 10}").post("/collections/" + c + "/points/search?timeout=1")
                .then().statusCode(200).body("result", hasSize(4));
        Qdrant.json("{}").post("/collections/" + c + "/points/count?timeout=18446744073709551615&consistency=all")
                .then().statusCode(200).body("result.count", equalTo(4));
        given().get("/collections/" + c + "/points/1?timeout=30").then().statusCode(200);
        Qdrant.json("{\"optimizers_config\": {\"deleted_threshold\": 0.5}}").patch("/collections/" + c + "?timeout=2")
                .then().statusCode(200);
        given().delete("/collections/" + c + "?timeout=3").then().statusCode(200).body("result", equalTo(true));
    }
}
