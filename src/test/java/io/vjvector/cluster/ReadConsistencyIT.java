package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.cluster.coordination.ClusterKeys;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Qdrant's read {@code consistency} through a gateway over two data nodes, each shard with a copy
 * on both: after acknowledged writes every rule reads every point from the copies it asks; bad
 * values answer 400; once a node is gone, a read that needs both copies answers 503 saying so,
 * while a default read is still served by the copy that is left.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReadConsistencyIT {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final int POINTS = 40;

    @TempDir
    Path dir;

    @Test
    void readsAskTheCopiesTheirConsistencyNamesAndFailWhenTooFewCanAnswer() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), TTL, 1, 1)) {
            LocalCluster.Node gateway = cluster.gateway();
            assertEquals(200, cluster.call(gateway, "PUT", "/collections/rc",
                    "{\"vectors\":{\"size\":2,\"distance\":\"Dot\"},\"shard_number\":2,\"replication_factor\":2}").status());
            awaitBothCopiesInSync(cluster);

            StringBuilder points = new StringBuilder("{\"points\":[");
            StringBuilder ids = new StringBuilder("{\"ids\":[");
            for (int id = 0; id < POINTS; id++) {
                points.append(id > 0 ? "," : "").append("{\"id\":").append(id).append(",\"vector\":[1,")
                        .append(id).append("],\"payload\":{\"n\":").append(id).append("}}");
                ids.append(id > 0 ? "," : "").append(id);
            }
            LocalCluster.Reply written = cluster.call(gateway, "PUT", "/collections/rc/points?wait=true&ordering=strong",
                    points + "]}");
            assertEquals(200, written.status(), written.text());
            assertEquals(400, cluster.call(gateway, "PUT", "/collections/rc/points?ordering=eventual",
                    points + "]}").status());

            // 3 on shards of 2 copies asks both, as Qdrant caps the number at the copies there are.
            for (String consistency : new String[] {"1", "2", "3", "quorum", "majority", "all"}) {
                String q = "?consistency=" + consistency;
                LocalCluster.Reply count = cluster.call(gateway, "POST", "/collections/rc/points/count" + q,
                        "{\"exact\":true}");
                assertEquals(200, count.status(), consistency + ": " + count.text());
                assertEquals(POINTS, count.result().get("count").asInt(), consistency);
                LocalCluster.Reply retrieved = cluster.call(gateway, "POST", "/collections/rc/points" + q, ids + "]}");
                assertEquals(POINTS, retrieved.result().size(), consistency + ": " + retrieved.text());
                LocalCluster.Reply found = cluster.call(gateway, "POST", "/collections/rc/points/search" + q,
                        "{\"vector\":[1,1],\"limit\":" + POINTS + ",\"with_payload\":true}");
                assertEquals(POINTS, found.result().size(), consistency + ": " + found.text());
                assertEquals(POINTS - 1, found.result().get(0).get("id").asInt(), consistency);
                LocalCluster.Reply page = cluster.call(gateway, "POST", "/collections/rc/points/scroll" + q,
                        "{\"limit\":100}");
                assertEquals(POINTS, page.result().get("points").size(), consistency + ": " + page.text());
            }
            for (String bad : new String[] {"0", "-1", "most"}) {
                LocalCluster.Reply r = cluster.call(gateway, "POST", "/collections/rc/points/count?consistency=" + bad,
                        "{}");
                assertEquals(400, r.status(), bad + ": " + r.text());
                assertTrue(r.body().get("status").get("error").asText().contains("consistency"), r.text());
            }

            cluster.node("replica-1").kill();
            LocalCluster.Reply all = cluster.call(gateway, "POST", "/collections/rc/points/count?consistency=all", "{}");
            assertEquals(503, all.status(), all.text());
            String error = all.body().get("status").get("error").asText();
            assertTrue(error.contains("needs answers from 2"), error);
            System.out.println("ReadConsistencyIT: with a node gone, consistency=all answers: " + error);
            LocalCluster.Reply one = cluster.call(gateway, "POST", "/collections/rc/points/count", "{\"exact\":true}");
            assertEquals(200, one.status(), one.text());
            assertEquals(POINTS, one.result().get("count").asInt());
        }
    }

    private static void awaitBothCopiesInSync(LocalCluster cluster) throws Exception {
        ShardTable table = new ShardTable(cluster.etcd().client(), new ClusterKeys("it"), Duration.ofSeconds(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int shard = 0; shard < 2; shard++) {
            ShardAssignment a = table.read(new ShardId("rc", shard)).assignment();
            while ((a.leader() == null || a.inSync().size() < 2) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                a = table.read(new ShardId("rc", shard)).assignment();
            }
            assertTrue(a.leader() != null && a.inSync().size() == 2, "shard " + shard + " not ready in 60 s: " + a);
        }
    }
}
