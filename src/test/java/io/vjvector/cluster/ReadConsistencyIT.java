package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.cluster.coordination.ClusterKeys;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardTable;
import io.vjvector.collection.ShardRouter;
import io.vjvector.engine.point.PointId;
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
 * while a default read is still served by the copy that is left. Operation ids are each shard's
 * log sequences: writes to one shard leave the other's alone, and a new leader numbers on.
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
            String[] leaders = awaitBothCopiesInSync(cluster);

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

            // Operation ids are each shard's own: writes to the other shard do not move them.
            ShardRouter router = new ShardRouter(2);
            // Points written here replace some of the first POINTS, so counts stay as they are.
            int led = leaders[1].equals("replica-1") ? 1 : 0;
            long x = idOnShard(router, led, 0);
            long op1 = upsert(cluster, x);
            for (int i = 0; i < 3; i++) {
                upsert(cluster, idOnShard(router, 1 - led, i * 10));
            }
            long op2 = upsert(cluster, x);
            assertEquals(op1 + 1, op2, "writes to shard " + (1 - led) + " moved shard " + led + "'s ids");

            cluster.node("replica-1").kill();
            LocalCluster.Reply all = cluster.call(gateway, "POST", "/collections/rc/points/count?consistency=all", "{}");
            assertEquals(503, all.status(), all.text());
            String error = all.body().get("status").get("error").asText();
            assertTrue(error.contains("needs answers from 2"), error);
            System.out.println("ReadConsistencyIT: with a node gone, consistency=all answers: " + error);
            LocalCluster.Reply one = cluster.call(gateway, "POST", "/collections/rc/points/count", "{\"exact\":true}");
            assertEquals(200, one.status(), one.text());
            assertEquals(POINTS, one.result().get("count").asInt());

            // When replica-1 led shard `led`, its new leader numbers on from the log it holds.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            LocalCluster.Reply r;
            do {
                Thread.sleep(200);
                r = cluster.call(gateway, "PUT", "/collections/rc/points?wait=true", point(x));
            } while (r.status() != 200 && System.nanoTime() < deadline);
            assertEquals(200, r.status(), r.text());
            long op3 = r.result().get("operation_id").asLong();
            System.out.println("ReadConsistencyIT: operation ids of shard " + led + ": " + op1 + ", " + op2
                    + ", then " + op3 + " under its new leader");
            assertTrue(op3 > op2, "operation id " + op3 + " after " + op2 + " under the new leader");
        }
    }

    private static long idOnShard(ShardRouter router, int shard, long from) {
        long id = from;
        while (router.shardOf(PointId.of(id)) != shard) {
            id++;
        }
        return id;
    }

    private static String point(long id) {
        return "{\"points\":[{\"id\":" + id + ",\"vector\":[1,1]}]}";
    }

    private static long upsert(LocalCluster cluster, long id) throws Exception {
        LocalCluster.Reply r = cluster.call(cluster.gateway(), "PUT", "/collections/rc/points?wait=true", point(id));
        assertEquals(200, r.status(), r.text());
        return r.result().get("operation_id").asLong();
    }

    /** Waits until both shards have a leader and two in-sync copies; returns their leaders. */
    private static String[] awaitBothCopiesInSync(LocalCluster cluster) throws Exception {
        ShardTable table = new ShardTable(cluster.etcd().client(), new ClusterKeys("it"), Duration.ofSeconds(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String[] leaders = new String[2];
        for (int shard = 0; shard < 2; shard++) {
            ShardAssignment a = table.read(new ShardId("rc", shard)).assignment();
            while ((a.leader() == null || a.inSync().size() < 2) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                a = table.read(new ShardId("rc", shard)).assignment();
            }
            assertTrue(a.leader() != null && a.inSync().size() == 2, "shard " + shard + " not ready in 60 s: " + a);
            leaders[shard] = a.leader();
        }
        return leaders;
    }
}
