package io.vjvector.cluster.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.cluster.LocalCluster;
import io.vjvector.cluster.SameAnswers;
import io.vjvector.ops.ServiceProcess;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Snapshots move a collection between a standalone node and a cluster, both ways: a standalone
 * node's snapshot (one shard) uploaded to a gateway fills a cluster collection of 3 shards with 2
 * copies each (points re-spread by hash), and the cluster collection's snapshot, taken through the
 * gateway, restores on the standalone node. After each move the point counts and exact-search
 * answers (with and without a filter on an indexed field) are equal. The cluster's snapshot
 * endpoints answer 4xx, never 500, to what they refuse. Prints its seed;
 * {@code -Dvjvector.cluster.seed=N} replays one.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClusterSnapshotsIT {

    private static final int DIM = 16;
    private static final int POINTS = 700;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static LocalCluster cluster;
    private static ServiceProcess standalone;

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
    void aCollectionMovesFromAStandaloneNodeIntoAClusterAndBackWithEqualAnswers() throws Exception {
        long seed = Long.getLong("vjvector.cluster.seed", System.nanoTime());
        System.out.println("ClusterSnapshotsIT seed=" + seed);
        Random random = new Random(seed);
        direct("PUT", "/collections/docs", "{\"vectors\":{\"size\":" + DIM + ",\"distance\":\"Cosine\"}}", 200);
        direct("PUT", "/collections/docs/index?wait=true", "{\"field_name\":\"color\",\"field_schema\":\"keyword\"}", 200);
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
            direct("PUT", "/collections/docs/points?wait=true", body.toString(), 200);
        }
        direct("POST", "/collections/docs/points/delete?wait=true", "{\"points\":[7,8,9]}", 200);
        List<String> searches = searches(random);

        // Standalone → cluster: created empty with 3 shards and 2 copies, filled from the upload.
        String standaloneSnapshot = direct("POST", "/collections/docs/snapshots", "", 200).get("result").get("name").asText();
        byte[] file = download(URI.create(standalone.uri("/collections/docs/snapshots/" + standaloneSnapshot).toString()), false);
        assertEquals(200, cluster.call(cluster.gateway(), "PUT", "/collections/docs",
                "{\"vectors\":{\"size\":" + DIM + ",\"distance\":\"Cosine\"},\"shard_number\":3,\"replication_factor\":2}")
                .status());
        LocalCluster.Reply uploaded = upload(cluster.gateway().url() + "/collections/docs/snapshots/upload", file, true);
        assertEquals(200, uploaded.status(), uploaded.text());
        JsonNode params = cluster.call(cluster.gateway(), "GET", "/collections/docs", null).result()
                .get("config").get("params");
        assertEquals(3, params.get("shard_number").asInt());
        assertEquals(2, params.get("replication_factor").asInt());
        assertSameAnswers("docs", "docs", searches);

        // Refusals are 4xx: a collection with points, a damaged file, an unknown collection or snapshot.
        assertEquals(409, upload(cluster.gateway().url() + "/collections/docs/snapshots/upload", file, true).status());
        byte[] damaged = file.clone();
        damaged[damaged.length / 2] ^= 0x5a;
        assertEquals(400, upload(cluster.gateway().url() + "/collections/fresh/snapshots/upload", damaged, true).status());
        assertEquals(404, cluster.call(cluster.gateway(), "GET", "/collections/fresh", null).status(),
                "a refused file creates nothing");
        assertEquals(404, cluster.call(cluster.gateway(), "GET", "/collections/nothing/snapshots", null).status());
        assertEquals(404, cluster.call(cluster.gateway(), "GET", "/collections/docs/snapshots/none.snapshot", null).status());
        assertEquals(404, cluster.call(cluster.gateway(), "PUT", "/collections/fresh/snapshots/recover",
                "{\"location\":\"docs/none.snapshot\"}").status());

        // Cluster → standalone: a snapshot taken through the gateway restores on a standalone node.
        LocalCluster.Reply taken = cluster.call(cluster.gateway(), "POST", "/collections/docs/snapshots", null);
        assertEquals(200, taken.status(), taken.text());
        String clusterSnapshot = taken.result().get("name").asText();
        JsonNode listed = cluster.call(cluster.gateway(), "GET", "/collections/docs/snapshots", null).result();
        assertEquals(clusterSnapshot, listed.get(0).get("name").asText());
        byte[] clusterFile = download(URI.create(cluster.gateway().url() + "/collections/docs/snapshots/" + clusterSnapshot),
                true);
        HttpResponse<String> restored = HTTP.send(multipart(standalone.uri("/collections/back/snapshots/upload"),
                clusterFile, false), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, restored.statusCode(), restored.body());
        assertEquals(3, direct("GET", "/collections/back", "", 200).get("result").get("config").get("params")
                .get("shard_number").asInt());
        assertSameAnswers("back", "docs", searches);

        // Recovered by name from the gateway's snapshots directory into a collection that does not exist yet.
        LocalCluster.Reply copied = cluster.call(cluster.gateway(), "PUT", "/collections/copy/snapshots/recover",
                "{\"location\":\"docs/" + clusterSnapshot + "\"}");
        assertEquals(200, copied.status(), copied.text());
        assertSameAnswers("docs", "copy", searches);
    }

    private static List<String> searches(Random random) {
        List<String> out = new ArrayList<>();
        for (int q = 0; q < 20; q++) {
            ObjectNode search = JSON.createObjectNode();
            search.set("vector", vector(random));
            search.put("limit", 10);
            search.put("with_payload", true);
            search.putObject("params").put("exact", true);
            if (q % 2 == 0) {
                search.set("filter", JSON.createObjectNode().set("must", JSON.createArrayNode().add(
                        JSON.createObjectNode().put("key", "color").set("match",
                                JSON.createObjectNode().put("value", "red")))));
            }
            out.add(search.toString());
        }
        return out;
    }

    /** Standalone collection {@code local} and cluster collection {@code remote}: equal counts and search answers. */
    private static void assertSameAnswers(String local, String remote, List<String> searches) throws Exception {
        String count = "{\"exact\":true}";
        long expected = direct("POST", "/collections/" + local + "/points/count", count, 200).get("result").get("count")
                .asLong();
        assertEquals(POINTS - 3, expected);
        assertEquals(expected, cluster.call(cluster.gateway(), "POST", "/collections/" + remote + "/points/count", count)
                .result().get("count").asLong());
        for (String search : searches) {
            JsonNode a = direct("POST", "/collections/" + local + "/points/search", search, 200).get("result");
            LocalCluster.Reply b = cluster.call(cluster.gateway(), "POST", "/collections/" + remote + "/points/search", search);
            assertEquals(200, b.status(), b.text());
            SameAnswers.assertSame(a, b.result(), Set.of("version"), search);
            assertTrue(a.size() > 0);
        }
    }

    private static ArrayNode vector(Random random) {
        ArrayNode v = JSON.createArrayNode();
        for (int i = 0; i < DIM; i++) {
            v.add(random.nextGaussian());
        }
        return v;
    }

    private static JsonNode direct(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(standalone.uri(path)).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static byte[] download(URI uri, boolean withKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        if (withKey) {
            b.header("api-key", LocalCluster.API_KEY);
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    private static LocalCluster.Reply upload(String url, byte[] file, boolean withKey) throws Exception {
        HttpResponse<String> r = HTTP.send(multipart(URI.create(url), file, withKey), HttpResponse.BodyHandlers.ofString());
        return new LocalCluster.Reply(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()), r.body());
    }

    private static HttpRequest multipart(URI uri, byte[] file, boolean withKey) throws Exception {
        String boundary = "vjvector-it-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"snapshot\"; filename=\"s.snapshot\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (withKey) {
            b.header("api-key", LocalCluster.API_KEY);
        }
        return b.build();
    }
}
