package io.vjvector.api;

import static io.restassured.RestAssured.delete;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServiceEndpointsTest {

    @Test
    void rootAnswersExactlyQdrantsVersionInfoKeysUnwrapped() {
        get("/").then().statusCode(200)
                .body("title", equalTo("vjvector - vector search engine"))
                .body("version", equalTo("1.18.0"))
                .body("keySet()", containsInAnyOrder("title", "version", "commit"));
    }

    @Test
    void telemetryHasQdrantsRequiredShape() {
        String c = Qdrant.createCollection("telemetry", 4, "Dot");
        get("/telemetry").then().statusCode(200)
                .body("status", equalTo("ok"))
                .body("result.id", notNullValue())
                .body("result.app.name", equalTo("vjvector"))
                .body("result.app.version", notNullValue())
                .body("result.app.startup", notNullValue())
                .body("result.collections.number_of_collections", greaterThanOrEqualTo(1));
        delete("/collections/" + c).then().statusCode(200);
    }

    @Test
    void metricsAreAlsoServedAtQdrantsPath() {
        String metrics = get("/metrics").then().statusCode(200).contentType(containsString("text/plain"))
                .extract().asString();
        assertTrue(metrics.contains("# TYPE http_server_requests_seconds histogram"), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("jvm_memory_used_bytes{")), "the same registry as /q/metrics");
    }

    @Test
    void qdrantProbeAliasesAnswerPlainText() {
        for (String probe : new String[] {"/healthz", "/livez", "/readyz"}) {
            get(probe).then().statusCode(200).body(equalTo("healthz check passed"));
        }
    }

    @Test
    void livenessAndReadinessAreSeparateAndUp() {
        get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("vjvector"));
        get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("collections-loaded"));
    }

    @Test
    void metricsHaveALatencyHistogramPerEndpointAndAPointsGaugePerCollection() {
        String c = Qdrant.createCollection("metrics", 4, "Dot");
        Qdrant.upsertFour(c);
        Qdrant.json("{\"vector\": [1, 0, 0, 0], \"limit\": 2}").post("/collections/" + c + "/points/search")
                .then().statusCode(200);
        // Rejected before routing: tagged with the raw path unless templated.
        given().contentType("text/plain").body("x").put("/collections/" + c + "/points").then().statusCode(415);

        String metrics = get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_bucket{")
                && l.contains("uri=\"/collections/{collection_name}/points/search\"")), "search latency histogram");
        assertFalse(metrics.contains("uri=\"/collections/" + c), "uri is templated, not per collection");
        assertTrue(metrics.contains("vjvector_collection_points{collection=\"" + c + "\"} 4.0"), "points gauge");

        delete("/collections/" + c).then().statusCode(200);
        assertFalse(get("/q/metrics").asString().contains("collection=\"" + c + "\""), "gauge removed with the collection");
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() {
        get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/collections/{collection_name}/points/search"))
                .body("paths", hasKey("/collections/{collection_name}/points/query"));
        get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
