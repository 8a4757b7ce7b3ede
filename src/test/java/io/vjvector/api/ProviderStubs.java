package io.vjvector.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
 *
 * <p>It is also the RAG LLM ({@code vjvector.llm.*}, model {@value #LLM}) at
 * {@code /v1/chat/completions}, whose behaviour is picked by a word in the question: one of
 * {@link #QUESTIONS}' keys.
 */
public class ProviderStubs implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    /** The chat model the application is configured with. */
    static final String LLM = "stub-llm";
    /** The answer the LLM gives, in full and streamed in the tokens {@link #TOKENS}. */
    static final String ANSWER = "Mars is red because of iron oxide [1].";
    static final String[] TOKENS = {"Mars is red", " because of", " iron oxide", " [1]."};

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
        // "topics": a model whose vectors mean something, one axis per topic a text mentions (a
        // fixed vector would leave a dense ranking to ties).
        String[][] topics = {{"Mars", "[1, 0, 0]"}, {"Venus", "[0, 1, 0]"}, {"Bread", "[0, 0, 1]"}};
        for (String[] topic : topics) {
            server.stubFor(post(urlEqualTo("/v1/embeddings"))
                    .withRequestBody(matchingJsonPath("$.model", equalTo("topics")))
                    .withRequestBody(containing(topic[0]))
                    .atPriority(1)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody(ok("[{\"object\": \"embedding\", \"index\": 0, \"embedding\": " + topic[1] + "}]"))));
        }
        server.stubFor(post(urlEqualTo("/v1/embeddings")).withRequestBody(matchingJsonPath("$.model", equalTo("topics")))
                .atPriority(5)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ok("[{\"object\": \"embedding\", \"index\": 0, \"embedding\": [0.1, 0.1, 0.1]}]"))));
        server.stubFor(post(urlEqualTo("/api/embed")).withRequestBody(matchingJsonPath("$.model", equalTo("nomic")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"model\": \"nomic\", \"embeddings\": [[0.5, 0.5, 0.5, 0.5]]}")));
        chat();
        String base = "http://localhost:" + server.port();
        return Map.of(
                "vjvector.embeddings.openai.base-url", base + "/v1",
                "vjvector.embeddings.openai.api-key", "test-key",
                "vjvector.embeddings.ollama.base-url", base,
                "vjvector.embeddings.timeout", "1500ms",
                "vjvector.embeddings.max-retries", "1",
                "vjvector.embeddings.breaker-delay", "60s",
                "vjvector.llm.base-url", base + "/v1",
                "vjvector.llm.model", LLM,
                "vjvector.llm.timeout", "1500ms");
    }

    /**
     * Chat completions keyed by a word of the question: {@code answerme} answers, {@code slowly}
     * answers after 30 s, {@code explode} is a 500, {@code garble} is 200 with HTML, {@code streamme}
     * streams {@link #TOKENS} and finishes, {@code cutme} streams two tokens and closes without a
     * finish reason, {@code stallme} starts its stream only after 6 s.
     */
    private static void chat() {
        String message = "{\"role\": \"assistant\", \"content\": \"" + ANSWER + "\"}";
        chatStub("answerme", aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"c1\", \"object\": \"chat.completion\", \"created\": 1, \"model\": \"" + LLM + "\","
                        + " \"choices\": [{\"index\": 0, \"message\": " + message + ", \"finish_reason\": \"stop\"}],"
                        + " \"usage\": {\"prompt_tokens\": 9, \"completion_tokens\": 9, \"total_tokens\": 18}}"));
        chatStub("slowly", aResponse().withStatus(200).withHeader("Content-Type", "application/json").withFixedDelay(30_000)
                .withBody("{}"));
        chatStub("explode", aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"model crashed\"}}"));
        chatStub("garble", aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("<html>oops"));
        StringBuilder whole = new StringBuilder();
        for (String t : TOKENS) {
            whole.append(chunk("{\"content\": \"" + t + "\"}", null));
        }
        whole.append(chunk("{}", "stop")).append("data: [DONE]\n\n");
        chatStub("streamme", sse(whole.toString()));
        chatStub("cutme", sse(chunk("{\"content\": \"" + TOKENS[0] + "\"}", null)
                + chunk("{\"content\": \"" + TOKENS[1] + "\"}", null)));
        chatStub("stallme", sse(chunk("{\"content\": \"" + TOKENS[0] + "\"}", null)).withFixedDelay(6000));
    }

    private static void chatStub(String word, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing(word)).willReturn(response));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    private static String chunk(String delta, String finish) {
        return "data: {\"id\": \"c1\", \"object\": \"chat.completion.chunk\", \"created\": 1, \"model\": \"" + LLM + "\","
                + " \"choices\": [{\"index\": 0, \"delta\": " + delta + ", \"finish_reason\": "
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
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
