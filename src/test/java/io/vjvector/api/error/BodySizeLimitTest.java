package io.vjvector.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A body over {@code vjvector.limits.max-body-size} (1M in tests) gets 413 with Qdrant's error
 * body naming the limit whether it declares its length or is sent chunked, without one.
 */
@QuarkusTest
class BodySizeLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 1 << 20;

    @TestHTTPResource("/collections")
    URI collections;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void chunkedBodyOverTheLimitGetsQdrantsErrorNamingTheLimit() throws Exception {
        HttpResponse<String> r = send("chunked-big", "/points", points(LIMIT + 1000), true);
        assertTooLarge(r, "longer than the limit of " + LIMIT + " bytes (vjvector.limits.max-body-size)");
        // The oversized request left the server serving: a chunked body within the limit still works.
        HttpResponse<String> created = send("chunked-small", "", "{\"vectors\": {\"size\": 2, \"distance\": \"Dot\"}}", true);
        assertEquals(200, created.statusCode(), created.body());
    }

    @Test
    void declaredLengthOverTheLimitGetsQdrantsErrorNamingTheLimit() throws Exception {
        HttpResponse<String> r = send("declared-big", "/points", points(LIMIT + 1000), false);
        assertTooLarge(r, "more than the limit of " + LIMIT + " (vjvector.limits.max-body-size)");
    }

    private static void assertTooLarge(HttpResponse<String> r, String rule) throws Exception {
        assertEquals(413, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        String error = body.path("status").path("error").asText();
        assertTrue(error.startsWith("Payload too large: ") && error.contains(rule), r.body());
        assertTrue(body.path("time").isNumber(), r.body());
    }

    private HttpResponse<String> send(String collection, String path, String body, boolean chunked) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // A publisher of unknown length (-1) makes the client send the body chunked, with no Content-Length.
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        HttpRequest request = HttpRequest.newBuilder(URI.create(collections + "/" + collection + path))
                .header("Content-Type", "application/json")
                .PUT(publisher).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A syntactically valid upsert body of at least {@code bytes} bytes. */
    private static String points(int bytes) {
        StringBuilder out = new StringBuilder("{\"points\": [");
        for (int i = 0; out.length() < bytes; i++) {
            out.append(i == 0 ? "" : ",").append("{\"id\": ").append(i).append(", \"vector\": [0.5, 0.25]}");
        }
        return out.append("]}").toString();
    }
}
