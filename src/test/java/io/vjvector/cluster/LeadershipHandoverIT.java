package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.cluster.admin.PeerIds;
import io.vjvector.cluster.coordination.ClusterKeys;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator moves and drops the copy of a shard's leader while clients write through the
 * gateway: the leader hands its leadership over to another in-sync copy first (no election
 * timeout: it resigns), so both operations succeed, and {@link FaultRun}'s checks hold — every
 * acknowledged write is on every copy afterwards, nothing never written, epochs never go back.
 * First {@code drop_replica} of the master's copy (it leads), then {@code move_shard} of the new
 * leader's copy back to the master; last {@code move_shard} of the only copy of another
 * collection's shard (its target's copy is made and caught up before the leadership moves).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LeadershipHandoverIT {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final int SOLO_POINTS = 50;

    @TempDir
    Path dir;

    @Test
    void theLeadersCopyIsDroppedAndMovedUnderWritesWithoutLosingAnAcknowledgedWrite() throws Exception {
        FaultRun.run("LeadershipHandoverIT", dir, TTL, false, "", run -> {
            ShardAssignment before = run.assignment();
            String first = before.leader();
            long start = System.nanoTime();
            LocalCluster.Reply dropped = operate(run.cluster(), "{\"drop_replica\":{\"shard_id\":0,\"peer_id\":"
                    + PeerIds.of(first) + "}}");
            assertEquals(200, dropped.status(), "drop_replica of the leader's copy: " + dropped.text());
            run.awaitFailover("drop_replica of leader " + first, before.epoch(), start, Duration.ofSeconds(30));
            ShardAssignment afterDrop = await(run, a -> !a.replicas().contains(first), "the copy on " + first + " dropped");
            String second = afterDrop.leader();
            assertFalse(first.equals(second), "the dropped copy no longer leads: " + afterDrop);

            start = System.nanoTime();
            LocalCluster.Reply moved = operate(run.cluster(), "{\"move_shard\":{\"shard_id\":0,\"from_peer_id\":"
                    + PeerIds.of(second) + ",\"to_peer_id\":" + PeerIds.of(first) + "}}");
            assertEquals(200, moved.status(), "move_shard of the leader's copy: " + moved.text());
            run.awaitFailover("move_shard of leader " + second, afterDrop.epoch(), start, Duration.ofSeconds(30));
            ShardAssignment afterMove = await(run, a -> !a.replicas().contains(second) && a.inSync().contains(first),
                    "the copy moved from " + second + " to " + first);
            run.say("after the drop: " + afterDrop + "; after the move: " + afterMove);
            moveTheOnlyCopy(run.cluster());
        });
    }

    /**
     * A shard with one copy, so its leader's is the only one in sync: the move adds the target's
     * copy first, hands the leadership to it once caught up, then drops the old copy.
     */
    private static void moveTheOnlyCopy(LocalCluster cluster) throws Exception {
        LocalCluster.Node gateway = cluster.gateway();
        assertEquals(200, cluster.call(gateway, "PUT", "/collections/solo",
                "{\"vectors\":{\"size\":4,\"distance\":\"Dot\"},\"shard_number\":1,\"replication_factor\":1}").status());
        ShardId solo = new ShardId("solo", 0);
        ShardAssignment a = awaitShard(cluster, solo, x -> x.leader() != null, "a leader of solo");
        StringBuilder body = new StringBuilder("{\"points\":[");
        for (int id = 0; id < SOLO_POINTS; id++) {
            body.append(id > 0 ? "," : "").append("{\"id\":").append(id).append(",\"vector\":[1,2,3,").append(id).append("]}");
        }
        LocalCluster.Reply written = cluster.call(gateway, "PUT", "/collections/solo/points?wait=true", body + "]}");
        assertEquals(200, written.status(), written.text());
        String from = a.leader();
        String to = cluster.dataNodes().stream().map(LocalCluster.Node::id).filter(n -> !n.equals(from)).findFirst()
                .orElseThrow();
        LocalCluster.Reply moved = cluster.call(gateway, "POST", "/collections/solo/cluster", "{\"move_shard\":{"
                + "\"shard_id\":0,\"from_peer_id\":" + PeerIds.of(from) + ",\"to_peer_id\":" + PeerIds.of(to) + "}}");
        assertEquals(200, moved.status(), "move_shard of the only copy: " + moved.text());
        ShardAssignment after = awaitShard(cluster, solo, x -> x.replicas().equals(List.of(to)) && to.equals(x.leader()),
                "the only copy of solo moved from " + from + " to " + to);
        LocalCluster.Reply count = cluster.call(gateway, "POST", "/collections/solo/points/count", "{\"exact\":true}");
        assertEquals(SOLO_POINTS, count.result().get("count").asInt(), count.text());
        System.out.println("[LeadershipHandoverIT] the only copy of solo moved from " + from + ": " + after);
    }

    private static ShardAssignment awaitShard(LocalCluster cluster, ShardId shard, Predicate<ShardAssignment> wanted,
                                              String what) throws Exception {
        try (var client = cluster.etcd().client()) {
            ShardTable table = new ShardTable(client, new ClusterKeys("it"), Duration.ofSeconds(5));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            ShardTable.Versioned v = table.read(shard);
            while ((v == null || !wanted.test(v.assignment())) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                v = table.read(shard);
            }
            assertTrue(v != null && wanted.test(v.assignment()), "waited 60 s for " + what + ": "
                    + (v == null ? "no record" : v.assignment()));
            return v.assignment();
        }
    }

    private static LocalCluster.Reply operate(LocalCluster cluster, String body) throws Exception {
        return cluster.call(cluster.gateway(), "POST", "/collections/" + FaultRun.COLLECTION + "/cluster", body);
    }

    private static ShardAssignment await(FaultRun run, Predicate<ShardAssignment> wanted, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ShardAssignment a = run.assignment();
        while (!wanted.test(a) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            a = run.assignment();
        }
        if (!wanted.test(a)) {
            for (LocalCluster.Node n : run.cluster().nodes()) {
                System.out.println("---- log of " + n.id() + " ----\n" + n.logTail());
            }
        }
        assertTrue(wanted.test(a), "waited 60 s for " + what + ": " + a);
        return a;
    }
}
