package io.vjvector.api;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Qdrant's strict mode, enforced with Qdrant's status (400) and texts: a request within the
 * limits passes, one beyond is refused; nothing is enforced while strict mode is disabled.
 */
@QuarkusTest
class StrictModeTest {

    private static final String CITY_FILTER = "{\"must\": [{\"key\": \"city\", \"match\": {\"value\": \"Berlin\"}}]}";

    private static String collection(String base) {
        String c = Qdrant.createCollection(base, 4, "Dot");
        Qdrant.upsertFour(c);
        return c;
    }

    private static void strictMode(String c, String config) {
        Qdrant.json("{\"strict_mode_config\": " + config + "}").patch("/collections/" + c).then().statusCode(200);
    }

    private static void refused(io.restassured.response.Response r, String error) {
        r.then().statusCode(400).body("status.error", equalTo("Bad request: " + error));
    }

    private static io.restassured.response.Response search(String c, String extra) {
        return Qdrant.json("{\"vector\": [1, 0, 0, 0], \"limit\": 4" + extra + "}").post("/collections/" + c + "/points/search");
    }

    @Test
    void maxQueryLimitRefusesLargerLimitsOfSearchScrollAndQuery() {
        String c = collection("limit");
        strictMode(c, "{\"enabled\": true, \"max_query_limit\": 4}");
        search(c, "").then().statusCode(200);
        strictMode(c, "{\"max_query_limit\": 3}");
        refused(search(c, ""), "Limit exceeded 4 > 3 for \"limit\". Help: Reduce the \"limit\" parameter to or below 3.");
        refused(Qdrant.json("{\"limit\": 10}").post("/collections/" + c + "/points/scroll"),
                "Limit exceeded 10 > 3 for \"limit\". Help: Reduce the \"limit\" parameter to or below 3.");
        refused(Qdrant.json("{\"query\": [1, 0, 0, 0], \"limit\": 5}").post("/collections/" + c + "/points/query"),
                "Limit exceeded 5 > 3 for \"limit\". Help: Reduce the \"limit\" parameter to or below 3.");
        refused(Qdrant.json("{\"positive\": [1], \"limit\": 4}").post("/collections/" + c + "/points/recommend"),
                "Limit exceeded 4 > 3 for \"limit\". Help: Reduce the \"limit\" parameter to or below 3.");
    }

    @Test
    void nothingIsEnforcedWhileDisabled() {
        String c = collection("disabled");
        strictMode(c, "{\"enabled\": false, \"max_query_limit\": 1, \"search_allow_exact\": false}");
        search(c, ", \"params\": {\"exact\": true}").then().statusCode(200);
        strictMode(c, "{\"enabled\": true}");
        refused(search(c, ""), "Limit exceeded 4 > 1 for \"limit\". Help: Reduce the \"limit\" parameter to or below 1.");
    }

    @Test
    void unindexedFilteringRetrieveRequiresAPayloadIndexOfAFittingType() {
        String c = collection("unindexed");
        search(c, ", \"filter\": " + CITY_FILTER).then().statusCode(200);
        strictMode(c, "{\"enabled\": true, \"unindexed_filtering_retrieve\": false}");
        String error = "Index required but not found for \"city\" of one of the following types: [keyword]. "
                + "Help: Create an index for this key or use a different filter.";
        refused(search(c, ", \"filter\": " + CITY_FILTER), error);
        refused(Qdrant.json("{\"filter\": " + CITY_FILTER + "}").post("/collections/" + c + "/points/count"), error);
        refused(Qdrant.json("{\"filter\": {\"must\": [{\"key\": \"n\", \"range\": {\"gte\": 2}}]}}")
                        .post("/collections/" + c + "/points/scroll"),
                "Index required but not found for \"n\" of one of the following types: [float, integer]. "
                        + "Help: Create an index for this key or use a different filter.");
        // An index of a type that cannot answer the condition does not count.
        Qdrant.json("{\"field_name\": \"city\", \"field_schema\": \"integer\"}").put("/collections/" + c + "/index?wait=true")
                .then().statusCode(200);
        refused(search(c, ", \"filter\": " + CITY_FILTER), error);
        Qdrant.json("{}").delete("/collections/" + c + "/index/city?wait=true").then().statusCode(200);
        Qdrant.json("{\"field_name\": \"city\", \"field_schema\": \"keyword\"}").put("/collections/" + c + "/index?wait=true")
                .then().statusCode(200);
        search(c, ", \"filter\": " + CITY_FILTER).then().statusCode(200).body("result.size()", equalTo(2));
        // Filters by id need no index; writes are governed by unindexed_filtering_update.
        search(c, ", \"filter\": {\"must\": [{\"has_id\": [1]}]}").then().statusCode(200);
        Qdrant.json("{\"filter\": {\"must\": [{\"key\": \"n\", \"match\": {\"value\": 9}}]}}")
                .post("/collections/" + c + "/points/delete?wait=true").then().statusCode(200);
    }

    @Test
    void unindexedFilteringUpdateRefusesFilteredWritesOnUnindexedKeys() {
        String c = collection("unindexedwrite");
        strictMode(c, "{\"enabled\": true, \"unindexed_filtering_update\": false}");
        String error = "Index required but not found for \"city\" of one of the following types: [keyword]. "
                + "Help: Create an index for this key or use a different filter.";
        refused(Qdrant.json("{\"filter\": " + CITY_FILTER + "}").post("/collections/" + c + "/points/delete?wait=true"), error);
        refused(Qdrant.json("{\"payload\": {\"x\": 1}, \"filter\": " + CITY_FILTER + "}")
                .post("/collections/" + c + "/points/payload?wait=true"), error);
        Qdrant.json("{\"points\": [1]}").post("/collections/" + c + "/points/delete?wait=true").then().statusCode(200);
        search(c, ", \"filter\": " + CITY_FILTER).then().statusCode(200);
        Qdrant.json("{\"field_name\": \"city\", \"field_schema\": \"keyword\"}").put("/collections/" + c + "/index?wait=true")
                .then().statusCode(200);
        Qdrant.json("{\"filter\": " + CITY_FILTER + "}").post("/collections/" + c + "/points/delete?wait=true")
                .then().statusCode(200);
        Qdrant.json("{}").post("/collections/" + c + "/points/count").then().body("result.count", equalTo(2));
    }

    @Test
    void searchMaxHnswEfAndSearchAllowExactLimitSearchParams() {
        String c = collection("params");
        strictMode(c, "{\"enabled\": true, \"search_max_hnsw_ef\": 5, \"search_allow_exact\": true}");
        search(c, ", \"params\": {\"hnsw_ef\": 5, \"exact\": true}").then().statusCode(200);
        strictMode(c, "{\"search_max_hnsw_ef\": 4, \"search_allow_exact\": false}");
        refused(search(c, ", \"params\": {\"hnsw_ef\": 5}"),
                "Limit exceeded 5 > 4 for \"hnsw_ef\". Help: Reduce the \"hnsw_ef\" parameter to or below 4.");
        refused(search(c, ", \"params\": {\"exact\": true}"), "Exact search disabled!. Help: Set exact=false.");
        search(c, ", \"params\": {\"hnsw_ef\": 4, \"exact\": false}").then().statusCode(200);
    }

    @Test
    void upsertMaxBatchsizeAndMaxPointsCountLimitWrites() {
        String c = collection("writes");
        String six = "{\"points\": [" + String.join(",", java.util.stream.IntStream.rangeClosed(11, 16)
                .mapToObj(i -> "{\"id\": " + i + ", \"vector\": [1, 2, 3, 5]}").toList()) + "]}";
        strictMode(c, "{\"enabled\": true, \"upsert_max_batchsize\": 5}");
        refused(Qdrant.json(six).put("/collections/" + c + "/points?wait=true"),
                "Limit exceeded 6 > 5 for \"upsert limit\". Help: Reduce the \"upsert limit\" parameter to or below 5.");
        strictMode(c, "{\"upsert_max_batchsize\": 6, \"max_points_count\": 5}");
        // 4 points, below the limit: the write that crosses it still passes, as in Qdrant.
        Qdrant.upsert(c, six);
        refused(Qdrant.json("{\"points\": [{\"id\": 20, \"vector\": [1, 0, 0, 0]}]}").put("/collections/" + c + "/points?wait=true"),
                "Max points count limit of 5 reached!");
        get("/collections/" + c).then().body("result.points_count", equalTo(10));
    }

    @Test
    void maxCollectionVectorSizeBytesRefusesWritesOnceReached() {
        String c = collection("vectorbytes");
        // 4 points of 4 floats: 64 bytes stored.
        strictMode(c, "{\"enabled\": true, \"max_collection_vector_size_bytes\": 80}");
        Qdrant.upsert(c, "{\"points\": [{\"id\": 30, \"vector\": [1, 0, 0, 0]}]}");
        refused(Qdrant.json("{\"points\": [{\"id\": 31, \"vector\": [1, 0, 0, 0]}]}").put("/collections/" + c + "/points?wait=true"),
                "Max vector storage size limit of 0.000076293945MB reached!");
    }
}
