package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.cluster.admin.PeerIds;
import io.vjvector.cluster.coordination.ClusterKeys;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator rebalances a shard through the gateway with Qdrant's cluster endpoints: a new copy
 * on a third node catches up (by transfer: the leader's log no longer starts at 1) and joins the
 * in-sync set, an old copy is dropped, a copy is moved back; rule-breaking changes get a 400
 * (moving or dropping the leader's copy is {@link LeadershipHandoverIT}'s).
 * Then the node of a copy stays gone past {@code vjvector.cluster.replace-after} and the leader
 * re-creates that copy elsewhere. At the end the leader and the copy it gained hold the same points.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ShardOperationsIT {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final ShardId SHARD = new ShardId("ops", 0);
    private static final int POINTS = 2000;

    @TempDir
    Path dir;

    @Test
    void copiesAreReplicatedDroppedMovedAndReplacedThroughTheShardTable() throws Exception {
        Map<String, String> settings = Map.of(
                "vjvector.storage.wal.segment-size", "16K",
                "vjvector.storage.checkpoint.wal-bytes", "64K",
                "vjvector.cluster.replace-after", "4s");
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), TTL, 1, 2, settings)) {
            LocalCluster.Node gateway = cluster.gateway();
            assertEquals(200, cluster.call(gateway, "PUT", "/collections/ops",
                    "{\"vectors\":{\"size\":4,\"distance\":\"Dot\"},\"shard_number\":1,\"replication_factor\":2}").status());
            ShardAssignment first = await(cluster, a -> a.leader() != null, "a leader");
            for (int start = 0; start < POINTS; start += 100) {
                StringBuilder body = new StringBuilder("{\"points\":[");
                for (int id = start; id < start + 100; id++) {
                    body.append(id > start ? "," : "").append("{\"id\":").append(id).append(",\"vector\":[1,")
                            .append(id % 5).append(",2,3],\"payload\":{\"pad\":\"").append("y".repeat(100)).append("\"}}");
                }
                LocalCluster.Reply r = cluster.call(gateway, "PUT", "/collections/ops/points?wait=true", body + "]}");
                assertEquals(200, r.status(), r.text());
            }
            Thread.sleep(2500); // checkpoints cut the leader's log meanwhile
            String leader = first.leader();
            String other = first.replicas().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();
            List<String> dataNodes = new ArrayList<>(List.of("master-1", "replica-1", "replica-2"));
            dataNodes.removeAll(first.replicas());
            String third = dataNodes.get(0);
            System.out.println("ShardOperationsIT: leader " + leader + ", copy on " + other + ", third node " + third);

            LocalCluster.Reply status = cluster.call(gateway, "GET", "/cluster", null);
            assertEquals("enabled", status.result().get("status").asText(), status.text());
            assertEquals(4, status.result().get("peers").size(), status.text());
            JsonNode info = cluster.call(gateway, "GET", "/collections/ops/cluster", null).result();
            assertEquals(1, info.get("shard_count").asInt());
            assertEquals(0, info.get("local_shards").size(), "a gateway holds no copies");
            assertEquals(2, info.get("remote_shards").size());
            assertEquals("Active", info.get("remote_shards").get(0).get("state").asText());

            assertEquals(200, operate(cluster, "replicate_shard", leader, third).status());
            await(cluster, a -> a.inSync().contains(third), "the new copy on " + third + " in sync");
            JsonNode view = cluster.call(cluster.node(leader), "GET", "/cluster/vjvector", null).result();
            assertEquals(3, view.get("shards").get(0).get("replicas").size(), view.toString());
            assertEquals(2, view.get("shards").get(0).get("replication").size(), "the leader knows its copies' lag: " + view);

            LocalCluster.Reply twice = operate(cluster, "replicate_shard", leader, third);
            assertEquals(400, twice.status(), twice.text());
            assertTrue(twice.text().contains("already holds a copy"), twice.text());
            // Dropping or moving the leader's copy is no longer refused (LeadershipHandoverIT: the
            // leadership is handed over first); this test keeps its leader to the end.
            LocalCluster.Reply dropLast = cluster.call(gateway, "POST", "/collections/ops/cluster",
                    "{\"drop_replica\":{\"shard_id\":1,\"peer_id\":" + PeerIds.of(leader) + "}}");
            assertEquals(400, dropLast.status(), dropLast.text());
            assertTrue(dropLast.text().contains("no shard 1"), dropLast.text());

            assertEquals(200, drop(cluster, other).status());
            await(cluster, a -> a.replicas().equals(List.of(leader, third)), "the copy on " + other + " dropped");

            assertEquals(200, operate(cluster, "move_shard", third, other).status());
            await(cluster, a -> a.replicas().contains(other) && !a.replicas().contains(third) && a.inSync().contains(other),
                    "the copy moved from " + third + " to " + other);

            cluster.node(other).kill();
            ShardAssignment replaced = await(cluster, a -> a.replicas().contains(third) && !a.replicas().contains(other)
                    && a.inSync().contains(third), "the gone node's copy re-created on " + third);
            System.out.println("ShardOperationsIT: after " + other + " stayed gone: " + replaced);

            cluster.close();
            Map<Long, String> onLeader = CopiesOnDisk.points(cluster.node(leader), "ops", dir.resolve("check-leader"));
            Map<Long, String> onThird = CopiesOnDisk.points(cluster.node(third), "ops", dir.resolve("check-third"));
            assertEquals(POINTS, onLeader.size());
            assertEquals(onLeader, onThird, "the replacement copy holds exactly the leader's points");
        }
    }

    private static LocalCluster.Reply operate(LocalCluster cluster, String kind, String from, String to) throws Exception {
        return cluster.call(cluster.gateway(), "POST", "/collections/ops/cluster", "{\"" + kind + "\":{\"shard_id\":0,"
                + "\"from_peer_id\":" + PeerIds.of(from) + ",\"to_peer_id\":" + PeerIds.of(to) + "}}");
    }

    private static LocalCluster.Reply drop(LocalCluster cluster, String node) throws Exception {
        return cluster.call(cluster.gateway(), "POST", "/collections/ops/cluster",
                "{\"drop_replica\":{\"shard_id\":0,\"peer_id\":" + PeerIds.of(node) + "}}");
    }

    private static ShardAssignment await(LocalCluster cluster, Predicate<ShardAssignment> wanted, String what)
            throws Exception {
        ShardTable table = new ShardTable(cluster.etcd().client(), new ClusterKeys("it"), Duration.ofSeconds(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        ShardAssignment a = table.read(SHARD).assignment();
        while (!wanted.test(a) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            a = table.read(SHARD).assignment();
        }
        if (!wanted.test(a)) {
            for (LocalCluster.Node n : cluster.nodes()) {
                System.out.println("---- log of " + n.id() + " ----\n" + n.logTail());
            }
        }
        assertTrue(wanted.test(a), "waited 90 s for " + what + ": " + a);
        return a;
    }
}
