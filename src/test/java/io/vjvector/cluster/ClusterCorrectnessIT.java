package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.ops.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through a gateway, a collection of 3 shards with 2 copies each spread over a master and two
 * replicas answers searches, scrolls, counts and recommendations exactly as a standalone node
 * does on the same data (searches exact, so that the answers are comparable point for point).
 * Prints its seed; {@code -Dvjvector.cluster.seed=N} replays one.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClusterCorrectnessIT {

    private static final int DIM = 16;
    private static final int POINTS = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static LocalCluster cluster;
    private static ServiceProcess standalone;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start(dir.resolve("cluster"), Duration.ofSeconds(2), 1, 2);
        standalone = ServiceProcess.start(dir.resolve("standalone"), Map.of(), dir.resolve("standalone.log"),
                Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() throws Exception {
        if (standalone != null) {
            standalone.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void answersThroughTheGatewayEqualAStandaloneNodesOnTheSameData() throws Exception {
        long seed = Long.getLong("vjvector.cluster.seed", System.nanoTime());
        System.out.println("ClusterCorrectnessIT seed=" + seed);
        Random random = new Random(seed);
        String create = "{\"vectors\":{\"size\":" + DIM + ",\"distance\":\"Cosine\"},\"shard_number\":3,"
                + "\"replication_factor\":2}";
        assertEquals(200, both("PUT", "/collections/docs", create).status());
        assertEquals(200, both("PUT", "/collections/docs/index?wait=true",
                "{\"field_name\":\"color\",\"field_schema\":\"keyword\"}").status());
        for (int from = 0; from < POINTS; from += 100) {
            ArrayNode points = JSON.createArrayNode();
            for (int id = from; id < from + 100; id++) {
                ObjectNode p = points.addObject();
                p.put("id", id);
                p.set("vector", vector(random));
                p.putObject("payload").put("color", List.of("red", "green", "blue").get(id % 3)).put("n", id);
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("points", points);
            assertEquals(200, both("PUT", "/collections/docs/points?wait=true", body.toString()).status());
        }
        both("POST", "/collections/docs/points/delete?wait=true", "{\"points\":[3,4,5]}");

        for (int q = 0; q < 20; q++) {
            ObjectNode search = JSON.createObjectNode();
            search.set("vector", vector(random));
            search.put("limit", 10);
            search.put("with_payload", true);
            search.putObject("params").put("exact", true);
            if (q % 2 == 0) {
                search.set("filter", JSON.readTree("{\"must\":[{\"key\":\"color\",\"match\":{\"value\":\"red\"}}]}"));
            }
            both("POST", "/collections/docs/points/search", search.toString());
        }
        both("POST", "/collections/docs/points/count", "{\"exact\":true}");
        both("POST", "/collections/docs/points/count",
                "{\"exact\":true,\"filter\":{\"must\":[{\"key\":\"color\",\"match\":{\"value\":\"blue\"}}]}}");
        String offset = null;
        int pages = 0;
        do {
            String body = "{\"limit\":64,\"with_payload\":true,\"with_vector\":true"
                    + (offset == null ? "" : ",\"offset\":" + offset) + "}";
            JsonNode page = both("POST", "/collections/docs/points/scroll", body).body().get("result");
            JsonNode next = page.get("next_page_offset");
            offset = next == null || next.isNull() ? null : next.toString();
            pages++;
        } while (offset != null);
        assertEquals((POINTS - 3 + 63) / 64, pages);
        for (int q = 0; q < 5; q++) {
            both("POST", "/collections/docs/points/recommend", "{\"positive\":[" + (10 + q) + "],\"negative\":["
                    + (100 + q) + "],\"limit\":7,\"params\":{\"exact\":true}}");
        }
        both("POST", "/collections/docs/points", "{\"ids\":[1,2,3,50,599],\"with_payload\":true}");
    }

    private static ArrayNode vector(Random random) {
        ArrayNode v = JSON.createArrayNode();
        for (int i = 0; i < DIM; i++) {
            v.add(random.nextGaussian());
        }
        return v;
    }

    /** Sends the request to the gateway and to the standalone node; asserts the same status and result. */
    private static LocalCluster.Reply both(String method, String path, String body) throws Exception {
        LocalCluster.Reply gateway = cluster.call(cluster.gateway(), method, path, body);
        HttpResponse<String> direct = HTTP.send(HttpRequest.newBuilder(standalone.uri(path))
                .timeout(Duration.ofSeconds(60)).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(direct.statusCode(), gateway.status(), method + " " + path + ": " + gateway.text());
        JsonNode expected = JSON.readTree(direct.body()).get("result");
        SameAnswers.assertSame(expected, gateway.result(), Set.of("operation_id", "version"), method + " " + path);
        return gateway;
    }
}
