package io.vjvector.api;

import static io.restassured.RestAssured.delete;
import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CollectionsResourceTest {

    @Test
    void createAnswersTrueInQdrantsEnvelope() {
        String name = Qdrant.uniqueName("create");
        Qdrant.json("""
                {"vectors": {"size": 8, "distance": "Euclid"}, "shard_number": 3, "replication_factor": 1,
                 "write_consistency_factor": 1, "hnsw_config": {"m": 8, "ef_construct": 64, "full_scan_threshold": 100}}""")
                .put("/collections/" + name)
                .then().statusCode(200)
                .body("result", equalTo(true))
                .body("status", equalTo("ok"))
                .body("time", isA(Float.class));
    }

    @Test
    void infoReportsParamsHnswAndCounts() {
        String c = Qdrant.createCollection("info", 4, "Cosine");
        Qdrant.upsertFour(c);
        get("/collections/" + c).then().statusCode(200)
                .body("status", equalTo("ok"))
                .body("result.status", equalTo("green"))
                .body("result.optimizer_status", equalTo("ok"))
                .body("result.points_count", equalTo(4))
                .body("result.config.params.vectors.size", equalTo(4))
                .body("result.config.params.vectors.distance", equalTo("Cosine"))
                .body("result.config.params.shard_number", equalTo(2))
                .body("result.config.params.replication_factor", equalTo(1))
                .body("result.config.params.write_consistency_factor", equalTo(1))
                .body("result.config.hnsw_config.m", equalTo(16))
                .body("result.config.hnsw_config.ef_construct", equalTo(100))
                .body("result.config.optimizer_config", hasKey("flush_interval_sec"))
                .body("result.payload_schema", equalTo(Map.of()));
    }

    @Test
    void listAndExists() {
        String c = Qdrant.createCollection("listed", 2, "Dot");
        get("/collections").then().statusCode(200).body("result.collections.name", hasItem(c));
        get("/collections/" + c + "/exists").then().statusCode(200).body("result.exists", equalTo(true));
        get("/collections/" + c + "_missing/exists").then().statusCode(200).body("result.exists", equalTo(false));
    }

    @Test
    void deleteSaysWhetherTheCollectionExisted() {
        String c = Qdrant.createCollection("deleted", 2, "Dot");
        delete("/collections/" + c).then().statusCode(200).body("result", equalTo(true));
        delete("/collections/" + c).then().statusCode(200).body("result", equalTo(false));
        get("/collections").then().body("result.collections.name", not(hasItem(c)));
        get("/collections/" + c).then().statusCode(404)
                .body("status.error", startsWith("Not found: Collection `" + c + "` doesn't exist"))
                .body("time", isA(Float.class));
    }

    @Test
    void creatingAnExistingCollectionConflicts() {
        String c = Qdrant.createCollection("twice", 2, "Dot");
        Qdrant.json("{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}").put("/collections/" + c)
                .then().statusCode(409).body("status.error", startsWith("Conflict: "));
    }

    @Test
    void patchChangesHnswSettings() {
        String c = Qdrant.createCollection("patched", 2, "Dot");
        Qdrant.json("{\"hnsw_config\": {\"ef_construct\": 200}, \"params\": {\"write_consistency_factor\": 1}}")
                .patch("/collections/" + c)
                .then().statusCode(200).body("result", equalTo(true));
        get("/collections/" + c).then().body("result.config.hnsw_config.ef_construct", equalTo(200));
    }
}
