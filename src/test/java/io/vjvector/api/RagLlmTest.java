package io.vjvector.api;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RAG with an LLM: a stub OpenAI-compatible chat completion endpoint ({@link ProviderStubs})
 * answers, stalls, fails, garbles or cuts its stream. The collection embeds with the stub's
 * {@code openai/good} model, so retrieval is real hybrid search without loading the local model.
 */
@QuarkusTest
@WithTestResource(ProviderStubs.class)
class RagLlmTest {

    /** Longest a failing request may take: the 1.5 s LLM timeout, its one retry, and slack for a busy machine. */
    private static final Duration NEVER_HANGS = Duration.ofSeconds(15);

    private static String collection;

    /** Creates the collection once, in the first test (the application is not up yet in a static {@code @BeforeAll}). */
    @BeforeEach
    void documents() {
        if (collection != null) {
            return;
        }
        collection = Qdrant.uniqueName("rag_llm");
        Qdrant.json("{\"text_config\": {\"model\": \"openai/topics\"}}").put("/collections/" + collection)
                .then().statusCode(200);
        // One document per request: the stub's "topics" model answers exactly one vector per call.
        for (String[] doc : new String[][] {
                {"mars", "Mars looks red because iron oxide, rust, covers its dusty surface."},
                {"venus", "Venus has a thick atmosphere of carbon dioxide and is the hottest planet."},
                {"bread", "Bread rises because yeast ferments sugar and releases carbon dioxide gas."}}) {
            Qdrant.json("{\"documents\": [{\"id\": \"" + doc[0] + "\", \"text\": \"" + doc[1] + "\"}]}")
                    .post("/collections/" + collection + "/documents?wait=true").then().statusCode(200);
        }
    }

    private static ExtractableResponse<Response> ask(String question, boolean stream) {
        return Qdrant.json("{\"question\": \"" + question + "\", \"limit\": 2, \"stream\": " + stream + "}")
                .post("/collections/" + collection + "/rag").then().extract();
    }

    @Test
    void theLlmsAnswerComesWithCitationsItsMarkersReferTo() {
        Qdrant.json("{\"question\": \"answerme: why is Mars red, is it iron oxide?\", \"limit\": 2}")
                .post("/collections/" + collection + "/rag").then().statusCode(200)
                .body("result.answer", equalTo(ProviderStubs.ANSWER))
                .body("result.citations[0].number", equalTo(1))
                .body("result.citations[0].document_id", equalTo("mars"))
                .body("result.citations[0].text", startsWith("Mars looks red"))
                .body("result.context", startsWith("[1] Mars looks red"));
        // The LLM was asked with the numbered context and the question.
        ProviderStubs.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("[1] Mars looks red"))
                .withRequestBody(containing("Question: answerme"))
                .withRequestBody(containing("\"" + ProviderStubs.LLM + "\"")));
    }

    @Test
    void aSlowLlmIs504NamingTheModelNotAHang() {
        // Warm the path first (class loading and the question's embedding are not what is timed).
        Qdrant.json("{\"question\": \"answerme: why is Mars red?\"}").post("/collections/" + collection + "/rag")
                .then().statusCode(200);
        long start = System.nanoTime();
        assertTimeoutPreemptively(NEVER_HANGS, () -> Qdrant.json("{\"question\": \"slowly: why is Mars red?\"}")
                .post("/collections/" + collection + "/rag").then().statusCode(504)
                .body("status.error", allOf(containsString(ProviderStubs.LLM), containsString("1500 ms"))));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 12_000, "two attempts of 1.5 s (plus a loaded machine's slack), not the LLM's 30 s: took "
                + ms + " ms");
    }

    @Test
    void anLlmError5xxIs502NamingTheModel() {
        Qdrant.json("{\"question\": \"explode: why is Mars red?\"}").post("/collections/" + collection + "/rag")
                .then().statusCode(502)
                .body("status.error", containsString(ProviderStubs.LLM));
    }

    @Test
    void aMalformedLlmAnswerIs502NamingTheModel() {
        Qdrant.json("{\"question\": \"garble: why is Mars red?\"}").post("/collections/" + collection + "/rag")
                .then().statusCode(502)
                .body("status.error", containsString(ProviderStubs.LLM));
    }

    @Test
    void aStreamedAnswerSendsTokensAsEventsThenTheCitations() {
        ExtractableResponse<Response> r = assertTimeoutPreemptively(NEVER_HANGS,
                () -> ask("streamme: why is Mars red?", true));
        assertEquals(200, r.statusCode());
        assertTrue(r.contentType().startsWith("text/event-stream"), r.contentType());
        List<String[]> events = events(r.asString());
        List<String> names = events.stream().map(e -> e[0]).toList();
        assertEquals(List.of("token", "token", "token", "token", "citations"), names, r.asString());
        for (int i = 0; i < ProviderStubs.TOKENS.length; i++) {
            assertEquals("{\"text\":\"" + ProviderStubs.TOKENS[i] + "\"}", events.get(i)[1]);
        }
        String done = events.get(4)[1];
        assertTrue(done.contains("\"answer\":\"" + ProviderStubs.ANSWER + "\""), done);
        assertTrue(done.contains("\"document_id\":\"mars\""), done);
        assertTrue(done.contains("\"number\":1"), done);
    }

    @Test
    void aStreamCutHalfwayEndsWithAnErrorEventNotAHang() {
        ExtractableResponse<Response> r = assertTimeoutPreemptively(NEVER_HANGS,
                () -> ask("cutme: why is Mars red?", true));
        List<String[]> events = events(r.asString());
        List<String> names = events.stream().map(e -> e[0]).toList();
        assertEquals(List.of("token", "token", "error"), names, r.asString());
        String error = events.get(2)[1];
        assertTrue(error.contains("\"status\":502") && error.contains(ProviderStubs.LLM) && error.contains("ended before"), error);
    }

    @Test
    void aStalledStreamEndsWithA504EventNotAHang() {
        ExtractableResponse<Response> r = assertTimeoutPreemptively(NEVER_HANGS,
                () -> ask("stallme: why is Mars red?", true));
        List<String[]> events = events(r.asString());
        assertEquals("error", events.get(events.size() - 1)[0], r.asString());
        String error = events.get(events.size() - 1)[1];
        assertTrue(error.contains("\"status\":504") && error.contains(ProviderStubs.LLM), error);
    }

    @Test
    void streamingFailuresBeforeTheFirstByteAreStillPlainJsonErrors() {
        Qdrant.json("{\"question\": \"streamme\", \"stream\": true}").post("/collections/no_such_rag/rag")
                .then().statusCode(404);
        Qdrant.json("{\"question\": \" \", \"stream\": true}").post("/collections/" + collection + "/rag")
                .then().statusCode(400).body("status.error", containsString("question"));
    }

    /** Server-sent events as (name, data) pairs. */
    private static List<String[]> events(String body) {
        List<String[]> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (name != null) {
                events.add(new String[] {name, data});
            }
        }
        return events;
    }
}
