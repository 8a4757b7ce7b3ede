package io.vjvector.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests the API tests share; every test works in collections of its own. */
final class Qdrant {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Qdrant() {
    }

    static RequestSpecification json(String body) {
        return given().contentType(ContentType.JSON).body(body);
    }

    /** A collection name no other test uses. */
    static String uniqueName(String base) {
        return base + "_" + SEQUENCE.incrementAndGet();
    }

    static String createCollection(String base, int dimension, String distance) {
        String name = uniqueName(base);
        json("{\"vectors\": {\"size\": " + dimension + ", \"distance\": \"" + distance + "\"}, \"shard_number\": 2}")
                .put("/collections/" + name)
                .then().statusCode(200).body("result", equalTo(true));
        return name;
    }

    static void upsert(String collection, String body) {
        json(body).put("/collections/" + collection + "/points?wait=true")
                .then().statusCode(200).body("result.status", equalTo("completed"));
    }

    /** Four points in 4 dimensions: ids 1, 2, 3 (payload city/n) and a UUID. */
    static void upsertFour(String collection) {
        upsert(collection, """
                {"points": [
                  {"id": 1, "vector": [1, 0, 0, 0], "payload": {"city": "Berlin", "n": 1}},
                  {"id": 2, "vector": [0.9, 0.1, 0, 0], "payload": {"city": "London", "n": 2}},
                  {"id": 3, "vector": [0, 1, 0, 0], "payload": {"city": "Berlin", "n": 3}},
                  {"id": "f47ac10b-58cc-4372-a567-0e02b2c3d479", "vector": [0, 0, 1, 0]}
                ]}""");
    }

    static int count(String collection) {
        return json("{}").post("/collections/" + collection + "/points/count")
                .then().statusCode(200).extract().path("result.count");
    }
}
