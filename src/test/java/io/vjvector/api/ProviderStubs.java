package io.vjvector.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A local HTTP server standing in for an OpenAI-compatible endpoint and an Ollama server, with one
 * behaviour per model name: {@code good} answers, {@code slow} answers after 6 s, {@code broken}
 * and {@code flaky} answer 500, {@code garbled} answers text that is not JSON, {@code short}
 * answers no vectors. The application is pointed at it with a 1.5 s timeout and one retry.
 */
public class ProviderStubs implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        openai("good", ok("[{\"object\": \"embedding\", \"index\": 0, \"embedding\": [0.1, 0.2, 0.3]}]"));
        openai("pair", ok("[{\"object\": \"embedding\", \"index\": 0, \"embedding\": [1, 0, 0]},"
                + " {\"object\": \"embedding\", \"index\": 1, \"embedding\": [0, 1, 0]}]"));
        server.stubFor(post(urlEqualTo("/v1/embeddings")).withRequestBody(matchingJsonPath("$.model", equalTo("slow")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withFixedDelay(6000).withBody(ok("[{\"object\": \"embedding\", \"index\": 0, \"embedding\": [1, 2, 3]}]"))));
        for (String m : new String[] {"broken", "flaky"}) {
            server.stubFor(post(urlEqualTo("/v1/embeddings")).withRequestBody(matchingJsonPath("$.model", equalTo(m)))
                    .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"upstream exploded\"}}")));
        }
        server.stubFor(post(urlEqualTo("/v1/embeddings")).withRequestBody(matchingJsonPath("$.model", equalTo("garbled")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("<html>oops")));
        openai("short", ok("[]"));
        server.stubFor(post(urlEqualTo("/api/embed")).withRequestBody(matchingJsonPath("$.model", equalTo("nomic")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"model\": \"nomic\", \"embeddings\": [[0.5, 0.5, 0.5, 0.5]]}")));
        String base = "http://localhost:" + server.port();
        return Map.of(
                "vjvector.embeddings.openai.base-url", base + "/v1",
                "vjvector.embeddings.openai.api-key", "test-key",
                "vjvector.embeddings.ollama.base-url", base,
                "vjvector.embeddings.timeout", "1500ms",
                "vjvector.embeddings.max-retries", "1",
                "vjvector.embeddings.breaker-delay", "60s");
    }

    private static String ok(String data) {
        return "{\"object\": \"list\", \"model\": \"m\", \"data\": " + data
                + ", \"usage\": {\"prompt_tokens\": 1, \"total_tokens\": 1}}";
    }

    private static String openai(String model, String body) {
        server.stubFor(post(urlEqualTo("/v1/embeddings")).withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
        return body;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
