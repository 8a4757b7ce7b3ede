package io.vjvector.api;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Qdrant's quantization API: {@code quantization_config} per collection and per named vector on
 * create, reported in CollectionInfo as Qdrant reports it, changed by PATCH (including
 * {@code "Disabled"}), and {@code params.quantization} accepted by search, query (and its
 * prefetches) and recommend.
 */
@QuarkusTest
class QuantizationResourceTest {

    private static String create(String body) {
        String name = Qdrant.uniqueName("quantized");
        Qdrant.json(body).put("/collections/" + name).then().statusCode(200).body("result", equalTo(true));
        return name;
    }

    @Test
    void collectionInfoReportsTheConfigInQdrantsShape() {
        String c = create("""
                {"vectors": {"text": {"size": 4, "distance": "Cosine"},
                             "image": {"size": 4, "distance": "Dot",
                                       "quantization_config": {"binary": {"always_ram": true}}}},
                 "quantization_config": {"scalar": {"type": "int8", "quantile": 0.99, "always_ram": true}}}""");
        get("/collections/" + c).then().statusCode(200)
                .body("result.config.quantization_config", equalTo(Map.of("scalar",
                        Map.of("type", "int8", "quantile", 0.99f, "always_ram", true))))
                .body("result.config.params.vectors.image.quantization_config",
                        equalTo(Map.of("binary", Map.of("always_ram", true))))
                .body("result.config.params.vectors.text", not(hasKey("quantization_config")));
    }

    @Test
    void patchEnablesPerCollectionAndPerVectorAndDisabledRemoves() {
        String c = create("{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}}");
        Qdrant.upsertFour(c);
        Qdrant.json("{\"quantization_config\": {\"scalar\": {\"type\": \"int8\"}}}")
                .patch("/collections/" + c).then().statusCode(200).body("result", equalTo(true));
        get("/collections/" + c).then().statusCode(200)
                .body("result.config.quantization_config", equalTo(Map.of("scalar", Map.of("type", "int8"))));
        Qdrant.json("{\"vectors\": {\"\": {\"quantization_config\": {\"binary\": {}}}}}")
                .patch("/collections/" + c).then().statusCode(200);
        get("/collections/" + c).then().statusCode(200)
                .body("result.config.params.vectors.quantization_config", equalTo(Map.of("binary", Map.of())));
        Qdrant.json("{\"quantization_config\": \"Disabled\", \"vectors\": {\"\": {\"quantization_config\": \"Disabled\"}}}")
                .patch("/collections/" + c).then().statusCode(200);
        get("/collections/" + c).then().statusCode(200)
                .body("result.config.quantization_config", nullValue())
                .body("result.config.params.vectors", not(hasKey("quantization_config")));
    }

    @Test
    void searchesTakeQuantizationParamsAndRescoredScoresAreExact() {
        String c = create("""
                {"vectors": {"size": 4, "distance": "Dot"},
                 "quantization_config": {"scalar": {"type": "int8"}}, "hnsw_config": {"full_scan_threshold": 0}}""");
        Qdrant.upsertFour(c);
        String params = "\"params\": {\"quantization\": {\"ignore\": false, \"rescore\": true, \"oversampling\": 2.0}}";
        Qdrant.json("{\"vector\": [1, 0, 0, 0], \"limit\": 2, " + params + "}")
                .post("/collections/" + c + "/points/search").then().statusCode(200)
                .body("result[0].id", equalTo(1)).body("result[0].score", equalTo(1.0f))
                .body("result[1].id", equalTo(2)).body("result[1].score", equalTo(0.9f));
        Qdrant.json("{\"query\": [1, 0, 0, 0], \"limit\": 1, " + params + ", \"prefetch\": [{\"query\": [1, 0, 0, 0], "
                        + "\"limit\": 3, " + params + "}]}")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points[0].id", equalTo(1));
        Qdrant.json("{\"positive\": [2], \"limit\": 1, " + params + "}")
                .post("/collections/" + c + "/points/recommend").then().statusCode(200)
                .body("result[0].id", equalTo(1));
    }
}
