package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cluster's fault matrix: partitions, restarts and double failovers under write load, each
 * judged by the same checks ({@link FaultRun}: no acknowledged write lost, nothing never written,
 * copies agree point for point and record by record, epochs never go backwards).
 *
 * <p>Partitions are cut with user-space TCP proxies ({@link TcpProxy}) in front of every data
 * node (its link to etcd, and how every other node reaches it), not network namespaces: the
 * proxies need no privileges, so the same test runs on a developer's machine and in CI. A cut is
 * a black hole (connections stay open, nothing passes), as a partition looks to TCP.
 *
 * <p>{@code -Dvjvector.cluster.matrix} selects the scenarios: {@code ci} (the default, what the
 * build runs: {@value #CI}), {@code all}, or a comma-separated list of names. The output names the
 * scenarios run and those left out.
 */
@Timeout(value = 60, unit = TimeUnit.MINUTES)
class ClusterFaultMatrixIT {

    private static final Duration TTL = Duration.ofSeconds(2);
    static final String CI = "leader-cut-from-etcd";

    /** Every scenario, by name. */
    private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    private record Scenario(boolean proxied, String collectionExtras, FaultRun.Fault fault) {
    }

    static {
        SCENARIOS.put("leader-cut-from-etcd", new Scenario(true, "", ClusterFaultMatrixIT::leaderCutFromEtcd));
        SCENARIOS.put("leader-cut-from-replicas", new Scenario(true, "", run -> leaderCutFromReplicas(run, false)));
        SCENARIOS.put("leader-cut-from-replicas-wcf2", new Scenario(true, ",\"write_consistency_factor\":2",
                run -> leaderCutFromReplicas(run, true)));
        SCENARIOS.put("follower-isolated", new Scenario(true, "", ClusterFaultMatrixIT::followerIsolated));
        SCENARIOS.put("double-failover", new Scenario(false, "", ClusterFaultMatrixIT::doubleFailover));
        SCENARIOS.put("etcd-restart", new Scenario(false, "", ClusterFaultMatrixIT::etcdRestart));
        SCENARIOS.put("gateway-restart", new Scenario(false, "", ClusterFaultMatrixIT::gatewayRestart));
        SCENARIOS.put("rolling-restart", new Scenario(false, "", ClusterFaultMatrixIT::rollingRestart));
    }

    @TempDir
    Path dir;

    static Stream<String> selected() {
        String choice = System.getProperty("vjvector.cluster.matrix", "ci").trim();
        List<String> names = switch (choice) {
            case "ci", "" -> List.of(CI.split(","));
            case "all" -> List.copyOf(SCENARIOS.keySet());
            default -> Arrays.stream(choice.split(",")).map(String::trim).toList();
        };
        for (String n : names) {
            if (!SCENARIOS.containsKey(n)) {
                throw new IllegalArgumentException("no scenario `" + n + "` in the cluster fault matrix; there are "
                        + SCENARIOS.keySet());
            }
        }
        List<String> left = SCENARIOS.keySet().stream().filter(n -> !names.contains(n)).toList();
        System.out.println("ClusterFaultMatrixIT (vjvector.cluster.matrix=" + choice + "): running " + names
                + (left.isEmpty() ? "" : "; not selected " + left + " (-Dvjvector.cluster.matrix=all runs every scenario)"));
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selected")
    void noAcknowledgedWriteIsLost(String scenario) throws Exception {
        Scenario s = SCENARIOS.get(scenario);
        FaultRun.run(scenario, dir, TTL, s.proxied(), s.collectionExtras(), s.fault());
    }

    /**
     * The leader loses etcd but not its clients or replicas: it must stop acknowledging (its lease
     * deadline, counted from keep-alive sends) before another copy is elected, so no write is
     * acknowledged between its deadline and the new leader's; healed, it follows and rejoins.
     */
    private static void leaderCutFromEtcd(FaultRun run) throws Exception {
        LocalCluster.Node leader = run.leader();
        long epoch = run.assignment().epoch();
        long cut = System.nanoTime();
        leader.etcdLink().cut();
        run.say("cut " + leader.id() + " (the leader) from etcd");
        run.awaitFailover("leader cut from etcd", epoch, cut, TTL.plusSeconds(30));
        EpochRecorder.Observation next = null;
        // The deadline is at most one TTL after the cut; 300 ms for the gateway's answer in flight.
        long fencedBy = cut + TTL.toNanos() + Duration.ofMillis(300).toNanos();
        for (EpochRecorder.Observation o : run.epochs().observations()) {
            if (o.epoch() > epoch && o.leader() != null && next == null) {
                next = o;
            }
        }
        // The recorder polls every 100 ms: the new leader may have acknowledged up to then.
        long elected = next.nanos() - Duration.ofMillis(150).toNanos();
        int overlap = fencedBy < elected ? run.writers().acksBetween(fencedBy, elected) : 0;
        run.say(String.format("acknowledgements between the cut leader's deadline and the election: %d (window %.2f s)",
                overlap, Math.max(0, elected - fencedBy) / 1e9));
        assertEquals(0, overlap, "writes were acknowledged after the cut leader's deadline and before a new leader");
        Thread.sleep(2000);
        leader.etcdLink().heal();
        run.say("healed");
        run.awaitInSync(leader.id(), Duration.ofSeconds(90));
        assertTrue(!leader.id().equals(run.assignment().leader()) || run.assignment().epoch() > next.epoch(),
                "the cut leader did not step down");
    }

    /**
     * The leader loses its replicas (they stay in etcd): writes stall until it removes them from
     * the in-sync set through etcd, then go on alone if write_consistency_factor allows it
     * ({@code strict}: it does not, and writes are refused until healing). Healed, they rejoin.
     */
    private static void leaderCutFromReplicas(FaultRun run, boolean strict) throws Exception {
        LocalCluster.Node leader = run.leader();
        List<LocalCluster.Node> others = run.cluster().dataNodes().stream().filter(n -> n != leader).toList();
        long cut = System.nanoTime();
        for (LocalCluster.Node n : others) {
            n.inbound().cut();
        }
        run.say("cut " + leader.id() + " (the leader) from " + others.stream().map(LocalCluster.Node::id).toList());
        if (strict) {
            Thread.sleep(TTL.multipliedBy(4).toMillis());
            long from = cut + TTL.multipliedBy(2).toNanos();
            int acks = run.writers().acksBetween(from, System.nanoTime());
            run.say("write_consistency_factor 2: writes acknowledged from 2 TTLs after the cut until now: " + acks);
            assertEquals(0, acks, "writes were acknowledged with fewer in-sync copies than write_consistency_factor");
        } else {
            for (LocalCluster.Node n : others) {
                run.awaitOutOfSync(n.id(), Duration.ofSeconds(30));
            }
            long shrunk = System.nanoTime();
            assertTrue(run.writers().firstAckAfter(shrunk, Duration.ofSeconds(30)) != 0,
                    "the leader did not go on alone after removing its replicas from the in-sync set");
            run.say(String.format("replicas left the in-sync set %.2f s after the cut; the leader writes alone",
                    (shrunk - cut) / 1e9));
            Thread.sleep(2000);
        }
        for (LocalCluster.Node n : others) {
            n.inbound().heal();
        }
        run.say("healed");
    }

    /** A follower loses everything (etcd and its peers); the rest go on; healed, it catches up and rejoins. */
    private static void followerIsolated(FaultRun run) throws Exception {
        LocalCluster.Node leader = run.leader();
        LocalCluster.Node follower = run.cluster().dataNodes().stream().filter(n -> n != leader).reduce((a, b) -> b)
                .orElseThrow();
        follower.etcdLink().cut();
        follower.inbound().cut();
        run.say("isolated " + follower.id());
        run.awaitOutOfSync(follower.id(), Duration.ofSeconds(30));
        Thread.sleep(3000);
        follower.etcdLink().heal();
        follower.inbound().heal();
        run.say("healed");
        run.awaitInSync(follower.id(), Duration.ofSeconds(90));
    }

    /**
     * The leader A dies, B takes over; A comes back and, as soon as it is in sync, B dies too: the
     * shard moves twice in quick succession (to A or to the third copy, whichever queued first in
     * the election).
     */
    private static void doubleFailover(FaultRun run) throws Exception {
        LocalCluster.Node a = run.leader();
        long epoch = run.assignment().epoch();
        long fault = System.nanoTime();
        a.kill();
        run.say("killed " + a.id());
        run.awaitFailover("first failover", epoch, fault, TTL.plusSeconds(30));
        LocalCluster.Node b = run.leader();
        a.restart();
        run.awaitInSync(a.id(), Duration.ofSeconds(90));
        epoch = run.assignment().epoch();
        fault = System.nanoTime();
        b.kill();
        run.say("killed " + b.id());
        run.awaitFailover("second failover", epoch, fault, TTL.plusSeconds(30));
        b.restart();
    }

    /** etcd stops and starts again on its data while clients write. */
    private static void etcdRestart(FaultRun run) throws Exception {
        long before = System.nanoTime();
        run.cluster().etcd().restart();
        run.say(String.format("etcd restarted (down %.2f s)", (System.nanoTime() - before) / 1e9));
        run.awaitWritesFlow();
        run.say(String.format("longest stretch without an acknowledged write since the restart began: %.2f s",
                run.writers().longestGapSince(before)));
    }

    /** The gateway is killed and started again while clients write through it. */
    private static void gatewayRestart(FaultRun run) throws Exception {
        long before = System.nanoTime();
        run.cluster().gateway().restart();
        run.awaitWritesFlow();
        run.say(String.format("gateway restarted; writes acknowledged again %.2f s after the kill",
                (run.writers().firstAckAfter(before, Duration.ofSeconds(1)) - before) / 1e9));
    }

    /** Every data node in turn stops (SIGTERM), starts again and rejoins the in-sync set before the next. */
    private static void rollingRestart(FaultRun run) throws Exception {
        for (LocalCluster.Node n : run.cluster().dataNodes()) {
            long epoch = run.assignment().epoch();
            boolean leads = n.id().equals(run.assignment().leader());
            long fault = System.nanoTime();
            n.restartGracefully();
            run.say("restarted " + n.id() + (leads ? " (the leader)" : ""));
            if (leads) {
                run.awaitFailover("restart of " + n.id(), epoch, fault, TTL.plusSeconds(60));
            }
            run.awaitInSync(n.id(), Duration.ofSeconds(90));
        }
    }
}
