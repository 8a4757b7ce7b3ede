package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.security.QdrantTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managed API keys across real node processes sharing one etcd: a key created through the gateway
 * works on a data node, and revoked through the data node it is refused by the gateway within a
 * second (the latency is printed); a data node cut off from etcd refuses managed keys with 503
 * once its copy of them is stale, and applies what it missed after healing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterApiKeysIT {

    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(1);
    /** Shorter than the 2 s default, to keep the test short. */
    private static final Duration MAX_STALENESS = Duration.ofSeconds(1);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aKeyMadeThroughOneNodeWorksOnAnotherAndItsRevocationReachesEveryNodeWithinASecond() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), Duration.ofSeconds(2), 1, 0)) {
            LocalCluster.Node gateway = cluster.gateway();
            LocalCluster.Node master = cluster.dataNodes().get(0);
            LocalCluster.Reply created = cluster.call(gateway, "POST", "/auth/api-keys", "{\"role\":\"reader\"}");
            assertEquals(200, created.status(), created.text());
            String id = created.result().path("id").asText();
            String key = created.result().path("key").asText();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (status(master, key) != 200) {
                assertTrue(System.nanoTime() < deadline, "a key made through the gateway works on the master");
                Thread.sleep(10);
            }
            assertEquals(200, status(gateway, key));

            long requested = System.nanoTime();
            LocalCluster.Reply revoked = cluster.call(master, "DELETE", "/auth/api-keys/" + id, null);
            long acknowledged = System.nanoTime();
            assertEquals(200, revoked.status(), revoked.text());
            assertEquals(401, status(master, key), "the revoking node refuses it at once");
            while (status(gateway, key) != 401) {
                assertTrue(System.nanoTime() - requested < REVOCATION_BOUND.toNanos(),
                        "the gateway refuses a revoked key within " + REVOCATION_BOUND);
            }
            long refused = System.nanoTime();
            System.out.printf("API key revoked through the master, refused by the gateway %.1f ms after the"
                            + " master answered (%.1f ms after the revocation was sent)%n",
                    Math.max(0, refused - acknowledged) / 1e6, (refused - requested) / 1e6);
        }
    }

    @Test
    void aDataNodeCutOffFromEtcdAnswers503ToManagedKeysButStaticKeysAndJwtsWorkAndAfterHealingTheRevocationHolds()
            throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), Duration.ofSeconds(2), 1, 0, true,
                Map.of("vjvector.cluster.api-keys-max-staleness", MAX_STALENESS.toMillis() + "ms"))) {
            LocalCluster.Node gateway = cluster.gateway();
            LocalCluster.Node master = cluster.dataNodes().get(0);
            String kept = cluster.call(gateway, "POST", "/auth/api-keys", "{\"role\":\"reader\"}").result()
                    .path("key").asText();
            LocalCluster.Reply created = cluster.call(gateway, "POST", "/auth/api-keys", "{\"role\":\"reader\"}");
            String revokedId = created.result().path("id").asText();
            String revoked = created.result().path("key").asText();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (status(master, kept) != 200 || status(master, revoked) != 200) {
                assertTrue(System.nanoTime() < deadline, "the keys reach the master");
                Thread.sleep(10);
            }

            master.etcdLink().cut();
            long cut = System.nanoTime();
            assertEquals(200, cluster.call(gateway, "DELETE", "/auth/api-keys/" + revokedId, null).status());
            Thread.sleep(MAX_STALENESS.toMillis() + 100);
            for (String key : new String[] {kept, revoked}) {
                HttpResponse<String> refused = get(master, "/collections", "api-key", key);
                assertEquals(503, refused.statusCode(), refused.body());
                assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
                JsonNode body = JSON.readTree(refused.body());
                assertTrue(body.path("status").path("error").asText()
                        .startsWith("Service unavailable: the API key store is unavailable"), refused.body());
                assertEquals(0.0, body.path("time").asDouble());
            }
            assertEquals(200, get(master, "/collections", "api-key", LocalCluster.API_KEY).statusCode(),
                    "the static key does not depend on etcd");
            String jwt = QdrantTokens.hs256(LocalCluster.API_KEY,
                    "{\"access\":\"r\",\"exp\":" + (System.currentTimeMillis() / 1000 + 300) + "}");
            assertEquals(200, get(master, "/collections", "Authorization", "Bearer " + jwt).statusCode(),
                    "neither does a Qdrant JWT");
            assertEquals(401, status(gateway, revoked), "a node that reaches etcd knows of the revocation");
            System.out.printf("a master cut off from etcd answered 503 to managed keys, checked %.0f ms after the cut"
                    + " (bound %d ms)%n", (System.nanoTime() - cut) / 1e6, MAX_STALENESS.toMillis());

            master.etcdLink().heal();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (status(master, kept) != 200) {
                assertTrue(System.nanoTime() < deadline, "a valid key works again once the master reaches etcd");
                Thread.sleep(20);
            }
            assertEquals(401, status(master, revoked), "the revocation made during the cut holds after healing");
        }
    }

    private static int status(LocalCluster.Node node, String key) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/collections")).header("api-key", key)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpResponse<String> get(LocalCluster.Node node, String path, String header, String value)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path)).header(header, value)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
