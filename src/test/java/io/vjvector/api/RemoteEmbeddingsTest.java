package io.vjvector.api;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** openai/ and ollama/ models against local stubs: answers, and every way a provider fails. */
@QuarkusTest
@WithTestResource(ProviderStubs.class)
class RemoteEmbeddingsTest {

    private static String embed(String model, String inputs) {
        return "{\"model\": \"" + model + "\", \"inputs\": " + inputs + "}";
    }

    @Test
    void openAiCompatibleModelEmbedsThroughTheEmbedEndpoint() {
        Qdrant.json(embed("openai/good", "[\"hello\"]")).post("/embed").then().statusCode(200)
                .body("result.model", equalTo("openai/good"))
                .body("result.dimension", equalTo(3))
                .body("result.vectors", hasSize(1))
                .body("result.vectors[0][2]", equalTo(0.3f));
        Qdrant.json(embed("OpenAI/pair", "[\"a\", \"b\"]")).post("/embed").then().statusCode(200)
                .body("result.vectors[1][1]", equalTo(1.0f));
    }

    @Test
    void ollamaModelEmbeds() {
        Qdrant.json(embed("ollama/nomic", "[\"hello\"]")).post("/embed").then().statusCode(200)
                .body("result.dimension", equalTo(4));
    }

    @Test
    void aSlowProviderAnswers504NamingTheModelWithinTheTimeoutAndItsRetry() {
        long start = System.nanoTime();
        Qdrant.json(embed("openai/slow", "[\"hello\"]")).post("/embed").then().statusCode(504)
                .body("status.error", allOf(containsString("openai/slow"), containsString("1500 ms")));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 5_500, "two attempts of 1.5 s, not the provider's 6 s: took " + ms + " ms");
    }

    @Test
    void aProviderError5xxAnswers502AfterARetry() {
        Qdrant.json(embed("openai/broken", "[\"hello\"]")).post("/embed").then().statusCode(502)
                .body("status.error", containsString("openai/broken"));
        assertEquals(2, ProviderStubs.server.countRequestsMatching(postRequestedFor(urlEqualTo("/v1/embeddings"))
                .withRequestBody(matchingJsonPath("$.model", com.github.tomakehurst.wiremock.client.WireMock.equalTo("broken")))
                .build()).getCount(), "one call and one retry");
    }

    @Test
    void malformedAnswersAre502() {
        Qdrant.json(embed("openai/garbled", "[\"hello\"]")).post("/embed").then().statusCode(502)
                .body("status.error", containsString("openai/garbled"));
        Qdrant.json(embed("openai/short", "[\"hello\"]")).post("/embed").then().statusCode(502)
                .body("status.error", allOf(containsString("openai/short"), containsString("asked for 1 vectors, got 0")));
    }

    @Test
    void aProviderThatKeepsFailingIsCircuitBrokenTo503() {
        int status = 0;
        for (int i = 0; i < 12 && status != 503; i++) {
            status = Qdrant.json(embed("openai/flaky", "[\"x" + i + "\"]")).post("/embed").then().extract().statusCode();
        }
        assertEquals(503, status, "the breaker opens after repeated failures");
        Qdrant.json(embed("openai/flaky", "[\"again\"]")).post("/embed").then().statusCode(503)
                .body("status.error", allOf(containsString("openai/flaky"), containsString("unavailable")));
        Qdrant.json(embed("openai/good", "[\"still fine\"]")).post("/embed").then().statusCode(200);
    }

    @Test
    void documentObjectsAreEmbeddedOnUpsertAndQueryAndAFailureStoresNothing() {
        String c = Qdrant.uniqueName("remote");
        Qdrant.json("{\"vectors\": {\"dense\": {\"size\": 3, \"distance\": \"Cosine\"}}}").put("/collections/" + c)
                .then().statusCode(200);
        Qdrant.json("""
                {"points": [{"id": 1, "vector": {"dense": {"text": "a", "model": "openai/good"}}},
                            {"id": 2, "vector": {"dense": {"text": "b", "model": "openai/broken"}}}]}""")
                .put("/collections/" + c + "/points?wait=true").then().statusCode(502);
        RestAssured.given().contentType("application/json").body("{}").post("/collections/" + c + "/points/count")
                .then().statusCode(200).body("result.count", equalTo(0));
        Qdrant.upsert(c, "{\"points\": [{\"id\": 1, \"vector\": {\"dense\": {\"text\": \"a\", \"model\": \"openai/good\"}}}]}");
        Qdrant.json("{\"query\": {\"text\": \"q\", \"model\": \"openai/good\"}, \"using\": \"dense\"}")
                .post("/collections/" + c + "/points/query").then().statusCode(200)
                .body("result.points[0].id", equalTo(1));
    }

    @Test
    void aModelWhoseSizeDiffersFromTheVectorsIs400NamingBoth() {
        String c = Qdrant.uniqueName("remote_size");
        Qdrant.json("{\"vectors\": {\"dense\": {\"size\": 4, \"distance\": \"Cosine\"}}}").put("/collections/" + c)
                .then().statusCode(200);
        Qdrant.json("{\"points\": [{\"id\": 1, \"vector\": {\"dense\": {\"text\": \"a\", \"model\": \"openai/good\"}}}]}")
                .put("/collections/" + c + "/points").then().statusCode(400)
                .body("status.error", allOf(containsString("size 3"), containsString("size 4"), containsString("openai/good")));
    }

    @Test
    void unknownModelsAndOptionsAre400() {
        Qdrant.json(embed("nobody/model", "[\"x\"]")).post("/embed").then().statusCode(400)
                .body("status.error", containsString("unknown dense model"));
        Qdrant.json("{\"model\": \"openai/good\", \"inputs\": [\"x\"], \"options\": {\"colour\": 1}}").post("/embed")
                .then().statusCode(400).body("status.error", containsString("colour"));
        Qdrant.json(embed("openai/good", "[\"\"]")).post("/embed").then().statusCode(400)
                .body("status.error", containsString("inputs[0]"));
    }
}
