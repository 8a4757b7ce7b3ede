package io.vjvector.api;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Qdrant's {@code optimizers_config} through the REST API, and the (vacuum) optimizer at work. */
@QuarkusTest
class OptimizersConfigTest {

    private static final int DIM = 8;

    private static String create(String base, String optimizers) {
        String name = Qdrant.uniqueName(base);
        Qdrant.json("{\"vectors\": {\"size\": " + DIM + ", \"distance\": \"Euclid\"}, \"shard_number\": 1,"
                        + " \"hnsw_config\": {\"m\": 8, \"ef_construct\": 32}, \"optimizers_config\": " + optimizers + "}")
                .put("/collections/" + name)
                .then().statusCode(200).body("result", equalTo(true));
        return name;
    }

    @Test
    void createWithOptimizersConfigShowsItInTheCollectionInfo() {
        String c = create("opt", "{\"deleted_threshold\": 0.1, \"vacuum_min_vector_number\": 100}");
        get("/collections/" + c).then().statusCode(200)
                .body("result.optimizer_status", equalTo("ok"))
                .body("result.config.optimizer_config.deleted_threshold", equalTo(0.1f))
                .body("result.config.optimizer_config.vacuum_min_vector_number", equalTo(100))
                .body("result.config.optimizer_config.flush_interval_sec", equalTo(5));
        Qdrant.json("{\"optimizers_config\": {\"deleted_threshold\": 0.5}}").patch("/collections/" + c)
                .then().statusCode(200).body("result", equalTo(true));
        get("/collections/" + c).then().statusCode(200)
                .body("result.config.optimizer_config.deleted_threshold", equalTo(0.5f))
                .body("result.config.optimizer_config.vacuum_min_vector_number", equalTo(100));
    }

    @Test
    void withoutOptimizersConfigTheConfiguredDefaultsApply() {
        String c = Qdrant.createCollection("optdefault", 4, "Dot");
        get("/collections/" + c).then().statusCode(200)
                .body("result.config.optimizer_config.deleted_threshold", equalTo(0.2f))
                .body("result.config.optimizer_config.vacuum_min_vector_number", equalTo(1000));
    }

    @Test
    void badOptimizerValuesAnswer4xxNamingTheField() {
        String name = Qdrant.uniqueName("badopt");
        // Out of Qdrant's declared range answers 422; of the wrong type or shape 400.
        String[][] cases = {
                {"{\"deleted_threshold\": 1.5}", "422", "optimizers_config.deleted_threshold: value 1.5 invalid"},
                {"{\"deleted_threshold\": -0.1}", "422", "optimizers_config.deleted_threshold: value -0.1 invalid"},
                {"{\"deleted_threshold\": \"a\"}", "400", "optimizers_config.deleted_threshold"},
                {"{\"vacuum_min_vector_number\": 99}", "422",
                        "optimizers_config.vacuum_min_vector_number: value 99 invalid, must be 100 or larger"},
                {"{\"vacuum_min_vector_number\": 1.5}", "400", "optimizers_config.vacuum_min_vector_number"},
                {"{\"indexing_threshold\": -1}", "400", "optimizers_config.indexing_threshold"},
                {"{\"default_segment_number\": -2}", "400", "optimizers_config.default_segment_number"},
                {"{\"default_segment_number\": 1.5}", "400", "optimizers_config.default_segment_number"},
                {"{\"flush_interval\": 5}", "400", "optimizers_config.flush_interval"},
                {"5", "400", "optimizers_config"},
        };
        for (String[] k : cases) {
            Qdrant.json("{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}, \"optimizers_config\": " + k[0] + "}")
                    .put("/collections/" + name)
                    .then().statusCode(Integer.parseInt(k[1])).body("status.error", containsString(k[2]));
        }
        get("/collections/" + name + "/exists").then().statusCode(200).body("result.exists", equalTo(false));
        String c = create("badoptpatch", "{}");
        Qdrant.json("{\"optimizers_config\": {\"vacuum_min_vector_number\": 10}}").patch("/collections/" + c)
                .then().statusCode(422).body("status.error", containsString("optimizers_config.vacuum_min_vector_number: value 10 invalid"));
        Qdrant.json("{\"optimizers_config\": {\"max_segment_size\": 0}}").patch("/collections/" + c)
                .then().statusCode(422).body("status.error", containsString("optimizers_config.max_segment_size: value 0 invalid"));
    }

    private static String batch(int ids, Random rnd) {
        StringBuilder body = new StringBuilder("{\"points\": [");
        for (int id = 0; id < ids; id++) {
            body.append(id == 0 ? "" : ",").append("{\"id\": ").append(id).append(", \"vector\": [");
            for (int i = 0; i < DIM; i++) {
                body.append(i == 0 ? "" : ",").append((float) rnd.nextGaussian());
            }
            body.append("], \"payload\": {\"n\": ").append(id).append("}}");
        }
        return body.append("]}").toString();
    }

    private static double metric(String metrics, String name, String collection) {
        String prefix = name + "{collection=\"" + collection + "\"";
        return metrics.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(
                l.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
    }

    @Test
    void repeatedUpdatesAreReclaimedByTheOptimizer() throws Exception {
        String c = create("vacuum", "{\"deleted_threshold\": 0.1, \"vacuum_min_vector_number\": 100}");
        Random rnd = new Random(7);
        for (int round = 0; round < 12; round++) {
            Qdrant.upsert(c, batch(300, rnd));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        double deleted;
        String metrics;
        do {
            Thread.sleep(50);
            metrics = get("/q/metrics").then().statusCode(200).extract().asString();
            deleted = metric(metrics, "vjvector_collection_deleted_vectors", c);
        } while (deleted > 0 && System.nanoTime() < deadline);
        assertEquals(0.0, deleted, "the index holds only the live vectors");
        assertTrue(metric(metrics, "vjvector_shard_rebuilds_total", c) >= 1, "rebuilds are counted");
        assertEquals(300, Qdrant.count(c));
        get("/collections/" + c).then().statusCode(200)
                .body("result.points_count", equalTo(300))
                .body("result.indexed_vectors_count", equalTo(300));
        Qdrant.json("{\"vector\": [0,0,0,0,0,0,0,0], \"limit\": 5, \"with_payload\": true}")
                .post("/collections/" + c + "/points/search")
                .then().statusCode(200).body("result.size()", equalTo(5));
    }
}
