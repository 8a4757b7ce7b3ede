package io.vjvector.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one judge of what a copy of a collection holds after faults, against a {@link WriteHistory}:
 * every acknowledged write is there, nothing is there that was never written (or was refused, or
 * was found lost before), and each point is exactly what was sent. Copies that must agree are
 * compared point for point. Used by the crash test of a standalone node and by every cluster
 * fault test.
 */
public final class HistoryChecker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HistoryChecker() {
    }

    /**
     * Asserts that {@code held} (point id to the point as scrolled, with payload and vector) is a
     * correct copy under {@code history}.
     *
     * @param copy names the copy in failure messages
     */
    public static void check(String copy, WriteHistory history, Map<Long, JsonNode> held) {
        Set<Long> missing = new TreeSet<>(history.acknowledged());
        missing.removeAll(held.keySet());
        assertEquals(Set.of(), missing, copy + ": acknowledged writes missing");
        for (Map.Entry<Long, JsonNode> e : held.entrySet()) {
            long id = e.getKey();
            assertTrue(!history.isFailed(id), copy + ": holds point " + id + ", whose write was refused as not applied");
            WriteHistory.Sent expected = history.sent(id);
            assertNotNull(expected, copy + ": holds point " + id + ", never written (or found lost before)");
            assertArrayEquals(expected.vector(), vectorOf(e.getValue()), copy + ": vector of point " + id);
            assertEquals(normalised(expected.payload()), normalised(e.getValue().get("payload")),
                    copy + ": payload of point " + id);
        }
    }

    /** Asserts that every copy in {@code copies} (name to held points) holds the same points. */
    public static void agree(Map<String, Map<Long, JsonNode>> copies) {
        Map.Entry<String, Map<Long, JsonNode>> first = copies.entrySet().iterator().next();
        for (Map.Entry<String, Map<Long, JsonNode>> e : copies.entrySet()) {
            assertEquals(new TreeMap<>(first.getValue()), new TreeMap<>(e.getValue()),
                    "copies " + first.getKey() + " and " + e.getKey() + " disagree");
        }
    }

    /**
     * Every point of {@code collection} on the node at {@code base} ({@code http://host:port}),
     * scrolled with payloads and vectors; {@code apiKey} may be null.
     */
    public static Map<Long, JsonNode> scrollAll(String base, String apiKey, String collection)
            throws IOException, InterruptedException {
        Map<Long, JsonNode> out = new TreeMap<>();
        JsonNode offset = null;
        for (int page = 0; page < 100_000; page++) {
            ObjectNode body = JSON.createObjectNode().put("limit", 2000).put("with_payload", true).put("with_vector", true);
            if (offset != null) {
                body.set("offset", offset);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/collections/" + collection
                    + "/points/scroll")).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            if (apiKey != null) {
                request.header("api-key", apiKey);
            }
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode result = JSON.readTree(r.body()).get("result");
            for (JsonNode p : result.get("points")) {
                out.put(p.get("id").asLong(), p);
            }
            offset = result.get("next_page_offset");
            if (offset == null || offset.isNull()) {
                return out;
            }
        }
        throw new AssertionError("scroll did not end");
    }

    /** The same JSON whatever node types built it (a long 1 and an int 1 are one number once written). */
    private static JsonNode normalised(JsonNode json) {
        try {
            return json == null ? null : JSON.readTree(json.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[] vectorOf(JsonNode point) {
        JsonNode v = point.get("vector");
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).floatValue();
        }
        return out;
    }
}
