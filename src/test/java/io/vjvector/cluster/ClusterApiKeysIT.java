package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managed API keys across real node processes sharing one etcd: a key created through the gateway
 * works on a data node, and revoked through the data node it is refused by the gateway within a
 * second (the latency is printed).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterApiKeysIT {

    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(1);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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

    private static int status(LocalCluster.Node node, String key) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/collections")).header("api-key", key)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
