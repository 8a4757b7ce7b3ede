package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.cluster.coordination.ClusterKeys;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica stopped while its leader takes many writes and checkpoints cut the leader's log past
 * where the replica's copy ends: restarted, the replica re-creates its copy from the leader's
 * checkpoint (streamed over the internal endpoint), follows the log tail, rejoins the in-sync set,
 * and then holds exactly the leader's points.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ShardTransferIT {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final ShardId SHARD = new ShardId("catchup", 0);

    @TempDir
    Path dir;

    @Test
    void aReplicaBehindTheLeadersLogStartCatchesUpByTransferAndRejoins() throws Exception {
        // Small segments and checkpoints every 64 KiB of log, so that the leader's log start moves on quickly.
        Map<String, String> settings = Map.of(
                "vjvector.storage.wal.segment-size", "16K",
                "vjvector.storage.checkpoint.wal-bytes", "64K");
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), TTL, 1, 1, settings)) {
            LocalCluster.Node gateway = cluster.gateway();
            LocalCluster.Node replica = cluster.node("replica-1");
            assertEquals(200, cluster.call(gateway, "PUT", "/collections/catchup",
                    "{\"vectors\":{\"size\":4,\"distance\":\"Dot\"},\"shard_number\":1,\"replication_factor\":2}").status());
            write(cluster, 0, 200);
            awaitAssignment(cluster, a -> a.inSync().contains(replica.id()), "the replica in sync at first");

            replica.kill();
            awaitAssignment(cluster, a -> !a.inSync().contains(replica.id()), "the dead replica out of the in-sync set");
            write(cluster, 200, 3000);
            Thread.sleep(2500); // the checkpoint tick runs at most once a second

            replica.restart();
            write(cluster, 3000, 3200);
            ShardAssignment healed = awaitAssignment(cluster, a -> a.inSync().contains(replica.id()),
                    "the restarted replica back in the in-sync set");
            System.out.println("ShardTransferIT: in sync after the restart: " + healed.inSync() + " (leader "
                    + healed.leader() + ", epoch " + healed.epoch() + ")");
            String log = Files.readString(replica.dataDirectory().resolveSibling("log"));
            assertTrue(log.contains("Re-created the copy of"), "the replica caught up by a transfer:\n" + replica.logTail());

            cluster.close();
            Map<Long, String> onLeader = CopiesOnDisk.points(cluster.node(healed.leader()), "catchup",
                    dir.resolve("check-leader"));
            Map<Long, String> onReplica = CopiesOnDisk.points(replica, "catchup", dir.resolve("check-replica"));
            assertEquals(3200, onLeader.size());
            assertFalse(onLeader.isEmpty());
            assertEquals(onLeader, onReplica, "the re-created copy holds exactly the leader's points");
            System.out.println("ShardTransferIT: leader and re-created replica agree on " + onReplica.size() + " points");
        }
    }

    /** Upserts points {@code from .. to-1} through the gateway, 100 per request, each acknowledged. */
    private static void write(LocalCluster cluster, int from, int to) throws Exception {
        for (int start = from; start < to; start += 100) {
            StringBuilder body = new StringBuilder("{\"points\":[");
            for (int id = start; id < Math.min(to, start + 100); id++) {
                if (id > start) {
                    body.append(',');
                }
                body.append("{\"id\":").append(id).append(",\"vector\":[").append(id % 7).append(",1,")
                        .append(id % 3).append(",2],\"payload\":{\"n\":").append(id)
                        .append(",\"pad\":\"").append("x".repeat(120)).append("\"}}");
            }
            body.append("]}");
            LocalCluster.Reply r = cluster.call(cluster.gateway(), "PUT", "/collections/catchup/points?wait=true",
                    body.toString());
            assertEquals(200, r.status(), r.text());
        }
    }

    private static ShardAssignment awaitAssignment(LocalCluster cluster, Predicate<ShardAssignment> wanted, String what)
            throws Exception {
        ShardTable table = new ShardTable(cluster.etcd().client(), new ClusterKeys("it"), Duration.ofSeconds(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        ShardAssignment a = table.read(SHARD).assignment();
        while (!wanted.test(a) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            a = table.read(SHARD).assignment();
        }
        assertTrue(wanted.test(a), "waited 90 s for " + what + ": " + a);
        return a;
    }
}
