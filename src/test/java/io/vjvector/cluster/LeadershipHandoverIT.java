package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.cluster.admin.PeerIds;
import io.vjvector.cluster.coordination.ShardAssignment;
import java.nio.file.Path;
import java.time.Duration;
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
 * leader's copy back to the master.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LeadershipHandoverIT {

    private static final Duration TTL = Duration.ofSeconds(2);

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
        });
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
