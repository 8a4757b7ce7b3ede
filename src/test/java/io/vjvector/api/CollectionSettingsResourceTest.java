package io.vjvector.api;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Every collection setting of Qdrant's CreateCollection and UpdateCollection schemas that is not
 * about vectors: accepted, reported in Qdrant's CollectionInfo shape, and changed by PATCH the
 * way Qdrant changes it.
 */
@QuarkusTest
class CollectionSettingsResourceTest {

    private static final String EVERY_SETTING = """
            {"vectors": {"size": 4, "distance": "Dot"},
             "shard_number": 2, "sharding_method": "auto", "replication_factor": 1, "write_consistency_factor": 1,
             "on_disk_payload": true,
             "hnsw_config": {"m": 8, "ef_construct": 64, "full_scan_threshold": 500, "max_indexing_threads": 2,
                             "on_disk": true, "payload_m": 12},
             "wal_config": {"wal_capacity_mb": 2, "wal_segments_ahead": 1, "wal_retain_closed": 3},
             "optimizers_config": {"deleted_threshold": 0.3, "vacuum_min_vector_number": 200,
                                   "default_segment_number": 4, "max_segment_size": 50000, "memmap_threshold": 20000,
                                   "indexing_threshold": 10000, "flush_interval_sec": 9, "max_optimization_threads": 1,
                                   "prevent_unoptimized": true},
             "strict_mode_config": {"enabled": true, "max_query_limit": 100, "max_timeout": 10,
                                    "unindexed_filtering_retrieve": true, "unindexed_filtering_update": true,
                                    "search_max_hnsw_ef": 256, "search_allow_exact": true, "search_max_oversampling": 2.5,
                                    "upsert_max_batchsize": 1000, "max_collection_vector_size_bytes": 1000000,
                                    "read_rate_limit": 600, "write_rate_limit": 300,
                                    "max_collection_payload_size_bytes": 2000000, "max_points_count": 100000,
                                    "filter_max_conditions": 20, "condition_max_size": 50,
                                    "multivector_config": {}, "sparse_config": {}, "max_payload_index_count": 10},
             "metadata": {"owner": "search", "limits": {"qps": 5}},
             "quantization_config": null, "sparse_vectors": null, "init_from": null}
            """;

    private static String create(String base, String body) {
        String name = Qdrant.uniqueName(base);
        Qdrant.json(body).put("/collections/" + name).then().statusCode(200).body("result", equalTo(true));
        return name;
    }

    @Test
    void everySettingIsAcceptedAndReportedInQdrantsShape() {
        String c = create("every", EVERY_SETTING);
        get("/collections/" + c).then().statusCode(200)
                .body("result.config.params.on_disk_payload", equalTo(true))
                .body("result.config.params.shard_number", equalTo(2))
                .body("result.config.hnsw_config.m", equalTo(8))
                .body("result.config.hnsw_config.ef_construct", equalTo(64))
                .body("result.config.hnsw_config.full_scan_threshold", equalTo(500))
                .body("result.config.hnsw_config.max_indexing_threads", equalTo(2))
                .body("result.config.hnsw_config.on_disk", equalTo(true))
                .body("result.config.hnsw_config.payload_m", equalTo(12))
                .body("result.config.wal_config.wal_capacity_mb", equalTo(2))
                .body("result.config.wal_config.wal_segments_ahead", equalTo(1))
                .body("result.config.wal_config.wal_retain_closed", equalTo(3))
                .body("result.config.optimizer_config.deleted_threshold", equalTo(0.3f))
                .body("result.config.optimizer_config.vacuum_min_vector_number", equalTo(200))
                .body("result.config.optimizer_config.default_segment_number", equalTo(4))
                .body("result.config.optimizer_config.max_segment_size", equalTo(50000))
                .body("result.config.optimizer_config.memmap_threshold", equalTo(20000))
                .body("result.config.optimizer_config.indexing_threshold", equalTo(10000))
                .body("result.config.optimizer_config.flush_interval_sec", equalTo(9))
                .body("result.config.optimizer_config.max_optimization_threads", equalTo(1))
                .body("result.config.optimizer_config.prevent_unoptimized", equalTo(true))
                .body("result.config.strict_mode_config", aMapWithSize(19))
                .body("result.config.strict_mode_config.enabled", equalTo(true))
                .body("result.config.strict_mode_config.max_query_limit", equalTo(100))
                .body("result.config.strict_mode_config.search_max_oversampling", equalTo(2.5f))
                .body("result.config.strict_mode_config.max_points_count", equalTo(100000))
                .body("result.config.strict_mode_config.multivector_config", aMapWithSize(0))
                .body("result.config.metadata.owner", equalTo("search"))
                .body("result.config.metadata.limits.qps", equalTo(5))
                .body("result.config", hasKey("quantization_config"))
                .body("result.config.quantization_config", nullValue());
    }

    @Test
    void aPlainCollectionReportsQdrantsDefaults() {
        String c = Qdrant.createCollection("plain", 4, "Dot");
        get("/collections/" + c).then().statusCode(200)
                .body("result.config.params.on_disk_payload", equalTo(false))
                .body("result.config.hnsw_config.max_indexing_threads", equalTo(0))
                .body("result.config.hnsw_config.on_disk", equalTo(false))
                .body("result.config.hnsw_config", not(hasKey("payload_m")))
                .body("result.config.wal_config.wal_capacity_mb", equalTo(32))
                .body("result.config.wal_config.wal_segments_ahead", equalTo(0))
                .body("result.config.wal_config.wal_retain_closed", equalTo(1))
                .body("result.config.optimizer_config.flush_interval_sec", equalTo(5))
                .body("result.config.optimizer_config.indexing_threshold", nullValue())
                .body("result.config.strict_mode_config", aMapWithSize(1))
                .body("result.config.strict_mode_config.enabled", equalTo(false))
                .body("result.config", not(hasKey("metadata")));
    }

    @Test
    void patchChangesEachGroupMergingMetadataAndStrictModeAsQdrantDoes() {
        String c = create("patch", """
                {"vectors": {"size": 4, "distance": "Dot"},
                 "strict_mode_config": {"enabled": true, "max_query_limit": 10, "search_max_hnsw_ef": 64},
                 "metadata": {"owner": "search", "tier": 1, "labels": {"a": 1}}}""");
        Qdrant.json("""
                {"params": {"on_disk_payload": true, "replication_factor": 1, "write_consistency_factor": 1},
                 "hnsw_config": {"max_indexing_threads": 3, "on_disk": true, "payload_m": 6},
                 "optimizers_config": {"indexing_threshold": 0, "default_segment_number": 2, "prevent_unoptimized": false},
                 "strict_mode_config": {"max_query_limit": 20, "search_allow_exact": false},
                 "metadata": {"tier": 2, "labels": {"b": 2}, "region": "eu"},
                 "vectors": null, "quantization_config": null, "sparse_vectors": null}""")
                .patch("/collections/" + c).then().statusCode(200).body("result", equalTo(true));
        get("/collections/" + c).then().statusCode(200)
                .body("result.config.params.on_disk_payload", equalTo(true))
                .body("result.config.hnsw_config.max_indexing_threads", equalTo(3))
                .body("result.config.hnsw_config.on_disk", equalTo(true))
                .body("result.config.hnsw_config.payload_m", equalTo(6))
                .body("result.config.optimizer_config.indexing_threshold", equalTo(0))
                .body("result.config.optimizer_config.default_segment_number", equalTo(2))
                .body("result.config.optimizer_config.prevent_unoptimized", equalTo(false))
                .body("result.config.optimizer_config.deleted_threshold", equalTo(0.2f))
                .body("result.config.strict_mode_config.enabled", equalTo(true))
                .body("result.config.strict_mode_config.max_query_limit", equalTo(20))
                .body("result.config.strict_mode_config.search_max_hnsw_ef", equalTo(64))
                .body("result.config.strict_mode_config.search_allow_exact", equalTo(false))
                // Top-level keys are replaced whole: labels loses "a".
                .body("result.config.metadata", equalTo(java.util.Map.of("owner", "search", "tier", 2,
                        "labels", java.util.Map.of("b", 2), "region", "eu")));
    }

    @Test
    void strictModeCanBeGivenFirstByPatch() {
        String c = Qdrant.createCollection("strictlater", 4, "Dot");
        Qdrant.json("{\"strict_mode_config\": {\"enabled\": true, \"max_query_limit\": 3}}").patch("/collections/" + c)
                .then().statusCode(200);
        get("/collections/" + c).then().statusCode(200)
                .body("result.config.strict_mode_config", equalTo(java.util.Map.of("enabled", true, "max_query_limit", 3)));
    }

    @Test
    void initFromCopiesThePointsOfAnotherCollection() {
        String source = Qdrant.createCollection("source", 4, "Dot");
        Qdrant.upsertFour(source);
        String copy = create("copy", "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, \"shard_number\": 3,"
                + " \"init_from\": {\"collection\": \"" + source + "\"}}");
        get("/collections/" + copy).then().statusCode(200).body("result.points_count", equalTo(4));
        String points = "{\"ids\": [1, 2, 3, \"f47ac10b-58cc-4372-a567-0e02b2c3d479\"], \"with_payload\": true, \"with_vector\": true}";
        String original = Qdrant.json(points).post("/collections/" + source + "/points").then().statusCode(200)
                .extract().path("result").toString();
        assertEquals(original, Qdrant.json(points).post("/collections/" + copy + "/points").then().statusCode(200)
                .extract().path("result").toString());
        // The source is left as it was; the copy is a collection of its own.
        Qdrant.json("{\"points\": [1]}").post("/collections/" + copy + "/points/delete?wait=true").then().statusCode(200);
        Qdrant.json("{}").post("/collections/" + source + "/points/count").then().body("result.count", equalTo(4));
    }

    @Test
    void initFromACollectionOfAnotherVectorSizeIsRefused() {
        String source = Qdrant.createCollection("source8", 8, "Dot");
        String name = Qdrant.uniqueName("mismatch");
        Qdrant.json("{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, \"init_from\": {\"collection\": \"" + source + "\"}}")
                .put("/collections/" + name).then().statusCode(400)
                .body("status.error", containsString("init_from.collection"));
        get("/collections/" + name + "/exists").then().body("result.exists", equalTo(false));
    }

    @Test
    void unknownFieldsAreRefusedNamingThem() {
        String name = Qdrant.uniqueName("unknown");
        String[][] cases = {
                {"{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, \"optimizer_config\": {}}", "optimizer_config"},
                {"{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, \"hnsw_config\": {\"ef\": 4}}", "hnsw_config.ef"},
                {"{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, \"strict_mode_config\": {\"max_limit\": 4}}",
                        "strict_mode_config.max_limit"},
                {"{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, \"init_from\": {\"name\": \"x\"}}", "init_from.name"},
        };
        for (String[] k : cases) {
            Qdrant.json(k[0]).put("/collections/" + name).then().statusCode(400)
                    .body("status.error", containsString(k[1] + ": unknown field"));
        }
        String c = Qdrant.createCollection("unknownpatch", 4, "Dot");
        Qdrant.json("{\"params\": {\"shard_number\": 3}}").patch("/collections/" + c).then().statusCode(400)
                .body("status.error", containsString("params.shard_number: unknown field"));
    }
}
