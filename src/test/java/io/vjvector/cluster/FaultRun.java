package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.cluster.coordination.ClusterKeys;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * One cluster fault test from start to verdict, the same for every fault: a loopback cluster (one
 * master, two replicas, a gateway; proxied when the fault needs cuts) with a collection of one
 * shard on all three, writers through the gateway recording a history, an {@link EpochRecorder}
 * on the shard; then the fault; then healing (every copy back in the in-sync set), and the
 * {@link HealedCopies} check. Prints one line per scenario: writes acknowledged, failed,
 * unknown, lost (always 0, or the test failed) and the failover times measured.
 */
final class FaultRun {

    static final String COLLECTION = "log";
    static final ShardId SHARD = new ShardId(COLLECTION, 0);
    private static final int WRITERS = 4;

    /** The fault itself, run while the writers write. */
    @FunctionalInterface
    interface Fault {
        void inject(FaultRun run) throws Exception;
    }

    private final String name;
    private final LocalCluster cluster;
    private final ClusterWriters writers;
    private final EpochRecorder epochs;
    private final List<String> failovers = new ArrayList<>();

    private FaultRun(String name, LocalCluster cluster, ClusterWriters writers, EpochRecorder epochs) {
        this.name = name;
        this.cluster = cluster;
        this.writers = writers;
        this.epochs = epochs;
    }

    /**
     * Runs {@code fault} against a fresh cluster in {@code dir} and checks the outcome.
     *
     * @param collectionExtras more settings of the collection, JSON members ({@code "write_consistency_factor":2}), or ""
     */
    static void run(String name, Path dir, Duration ttl, boolean proxied, String collectionExtras, Fault fault)
            throws Exception {
        run(name, dir, ttl, proxied, collectionExtras, 1, fault);
    }

    /** {@link #run(String, Path, Duration, boolean, String, Fault)} on an etcd of {@code etcdMembers} members. */
    static void run(String name, Path dir, Duration ttl, boolean proxied, String collectionExtras, int etcdMembers,
                    Fault fault) throws Exception {
        long seed = Long.getLong("vjvector.cluster.seed", System.nanoTime());
        System.out.println("[" + name + "] seed=" + seed + " (replay with -Dvjvector.cluster.seed=" + seed + ")");
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), ttl, 1, 2, proxied, java.util.Map.of(),
                etcdMembers)) {
            LocalCluster.Reply created = cluster.call(cluster.gateway(), "PUT", "/collections/" + COLLECTION,
                    "{\"vectors\":{\"size\":" + ClusterWriters.DIMENSION + ",\"distance\":\"Dot\"},\"shard_number\":1,"
                            + "\"replication_factor\":3" + collectionExtras + "}");
            assertEquals(200, created.status(), created.text());
            FaultRun run;
            try (EpochRecorder epochs = new EpochRecorder(cluster, SHARD);
                 ClusterWriters writers = new ClusterWriters(cluster, COLLECTION).start(WRITERS, seed)) {
                run = new FaultRun(name, cluster, writers, epochs);
                run.say("shard led by " + run.assignment().leader() + " at epoch " + run.assignment().epoch());
                Thread.sleep(2000);
                fault.inject(run);
                run.awaitWritesFlow();
                writers.stop();
                ShardAssignment healed = run.awaitAllInSync(Duration.ofSeconds(90));
                run.awaitNoLag(healed, Duration.ofSeconds(60));
                epochs.close();
                epochs.assertEpochsNeverWentBack();
                assertTrue(writers.history().acknowledgedCount() > 20, "too few writes to judge: "
                        + writers.history().summary());
                cluster.close();
                HealedCopies.Verdict verdict = HealedCopies.check(cluster, healed.inSync(), COLLECTION, 0,
                        writers.history(), dir);
                run.say(writers.history().summary() + ", lost 0; leaderships " + epochs.leaderships()
                        + "; failovers " + (run.failovers.isEmpty() ? "none" : String.join(", ", run.failovers))
                        + "; " + verdict);
            }
        }
    }

    LocalCluster cluster() {
        return cluster;
    }

    EpochRecorder epochs() {
        return epochs;
    }

    ClusterWriters writers() {
        return writers;
    }

    void say(String line) {
        System.out.println("[" + name + "] " + line);
    }

    /** The shard's record, read from etcd now. */
    ShardAssignment assignment() throws Exception {
        try (var client = cluster.etcd().client()) {
            return new ShardTable(client, new ClusterKeys("it"), Duration.ofSeconds(5)).read(SHARD).assignment();
        }
    }

    LocalCluster.Node leader() throws Exception {
        return cluster.node(assignment().leader());
    }

    /**
     * Waits until another leader than the one at {@code epochBefore} leads (a newer epoch in the
     * table) and a write is acknowledged after {@code faultNanos}; records and returns the time from
     * the fault to that acknowledgement.
     */
    double awaitFailover(String what, long epochBefore, long faultNanos, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        EpochRecorder.Observation next = null;
        while (next == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            next = epochs.firstLeaderAbove(epochBefore, faultNanos);
        }
        assertTrue(next != null, what + ": no new leader within " + within + "; seen " + epochs.leaderships());
        long ack = writers.firstAckAfter(next.nanos(), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        assertTrue(ack != 0, what + ": no write acknowledged after " + next.leader() + " took over");
        double seconds = (ack - faultNanos) / 1e9;
        failovers.add(String.format("%s %.2f s (%s@%d)", what, seconds, next.leader(), next.epoch()));
        say(String.format("%s: %s leads at epoch %d; first write acknowledged %.2f s after the fault", what,
                next.leader(), next.epoch(), seconds));
        return seconds;
    }

    /** Waits until some write is acknowledged after now. */
    void awaitWritesFlow() throws Exception {
        long now = System.nanoTime();
        assertTrue(writers.firstAckAfter(now, Duration.ofSeconds(60)) != 0, "writes did not resume after healing;"
                + " seen " + epochs.leaderships());
    }

    /** Waits until every copy of the shard is in the in-sync set again (they all rejoin after healing). */
    ShardAssignment awaitAllInSync(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        ShardAssignment a = assignment();
        while (!new HashSet<>(a.inSync()).containsAll(a.replicas()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            a = assignment();
        }
        assertTrue(new HashSet<>(a.inSync()).containsAll(a.replicas()), "not every copy rejoined the in-sync set: " + a);
        say("in sync after healing: " + a.inSync() + " (leader " + a.leader() + " at epoch " + a.epoch() + ")");
        return a;
    }

    /**
     * Waits until the leader's metrics show every follower with the leader's whole log: a copy
     * joins the in-sync set once it has the high-water mark, and may still lack records the
     * leader logged but never acknowledged (refused writes of unknown outcome); the copies are
     * compared whole only once those have shipped too.
     */
    void awaitNoLag(ShardAssignment healed, Duration within) throws Exception {
        LocalCluster.Node leader = cluster.node(healed.leader());
        long deadline = System.nanoTime() + within.toNanos();
        List<String> lags = List.of();
        while (System.nanoTime() < deadline) {
            lags = cluster.text(leader, "/q/metrics").lines()
                    .filter(l -> l.startsWith("vjvector_replication_lag_records{") && l.contains("collection=\"" + COLLECTION + "\""))
                    .toList();
            if (lags.size() == healed.replicas().size() - 1 && lags.stream().allMatch(l -> l.endsWith(" 0.0"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("followers still lag behind " + leader.id() + " after healing: " + lags);
    }

    /** Waits until {@code node} is in the in-sync set. */
    void awaitInSync(String node, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!assignment().inSync().contains(node)) {
            assertTrue(System.nanoTime() < deadline, node + " did not rejoin the in-sync set: " + assignment());
            Thread.sleep(200);
        }
    }

    /** Waits until {@code node} has left the in-sync set. */
    void awaitOutOfSync(String node, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (assignment().inSync().contains(node)) {
            assertTrue(System.nanoTime() < deadline, node + " did not leave the in-sync set: " + assignment());
            Thread.sleep(100);
        }
    }
}
