package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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

    private record Scenario(boolean proxied, String collectionExtras, int etcdMembers, FaultRun.Fault fault) {
        Scenario(boolean proxied, String collectionExtras, FaultRun.Fault fault) {
            this(proxied, collectionExtras, 1, fault);
        }
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
        SCENARIOS.put("etcd-minority-partition", new Scenario(false, "", 3, ClusterFaultMatrixIT::etcdMinorityPartition));
        SCENARIOS.put("etcd-member-restart", new Scenario(false, "", 3, ClusterFaultMatrixIT::etcdMemberRestart));
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
        FaultRun.run(scenario, dir, TTL, s.proxied(), s.collectionExtras(), s.etcdMembers(), s.fault());
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

    /**
     * On three etcd members, each member in turn (the raft leader first) is cut from the other two
     * for two TTLs under load. The majority goes on: writes go on being acknowledged, the shard
     * keeps its leader or moves it with a newer epoch, and the nodes' etcd clients, which know all
     * three members, leave the cut-off one (it refuses calls for want of a leader). Healed, the
     * member catches up. Last, with a member cut off, the shard leader is killed: every node and
     * the gateway must learn the new leader through the members that have a leader.
     */
    private static void etcdMinorityPartition(FaultRun run) throws Exception {
        EtcdCluster etcd = run.cluster().etcd();
        List<EtcdProcess> order = new ArrayList<>(etcd.members());
        EtcdProcess etcdLeader = etcd.leader();
        if (etcdLeader != null) {
            order.remove(etcdLeader);
            order.add(0, etcdLeader);
        }
        for (EtcdProcess member : order) {
            boolean leads = member == etcd.leader();
            var before = run.assignment();
            long cut = System.nanoTime();
            etcd.isolate(member);
            run.say("cut etcd member " + member.name() + (leads ? " (the etcd leader)" : "") + " from its peers");
            Thread.sleep(TTL.multipliedBy(2).toMillis());
            long healed = System.nanoTime();
            int acks = run.writers().acksBetween(cut, healed);
            var after = run.assignment();
            run.say(String.format("while %s was cut off (%.1f s): %d writes acknowledged, longest stall %.2f s; "
                            + "shard led by %s at epoch %d (before: %s at %d)", member.name(), (healed - cut) / 1e9, acks,
                    run.writers().longestGapBetween(cut, healed), after.leader(), after.epoch(), before.leader(),
                    before.epoch()));
            if (acks == 0) {
                run.cluster().nodes().forEach(n -> run.say(n.id() + " log tail:\n" + n.logTail()));
            }
            assertTrue(acks > 0, "no write was acknowledged while etcd member " + member.name() + " was cut off; "
                    + "the last refusal: " + run.writers().lastRefusal());
            assertTrue(after.epoch() >= before.epoch(), "the shard's epoch went back");
            etcd.heal(member);
            awaitCaughtUp(run, member);
        }
        EtcdProcess cutOff = order.get(order.size() - 1);
        LocalCluster.Node leader = run.leader();
        long epoch = run.assignment().epoch();
        etcd.isolate(cutOff);
        // Long enough for the member to know it has no leader and refuse (and end watches through it).
        Thread.sleep(1500);
        AtomicLong gatewaySaw = new AtomicLong();
        Thread watcher = new Thread(() -> awaitGatewaySeesAnotherLeader(run, leader.id(), gatewaySaw), "gateway-view");
        long fault = System.nanoTime();
        leader.kill();
        watcher.start();
        run.say("killed " + leader.id() + " (the shard leader) while etcd member " + cutOff.name() + " is cut off");
        run.awaitFailover("shard failover with " + cutOff.name() + " cut off", epoch, fault, TTL.plusSeconds(30));
        watcher.join(TimeUnit.SECONDS.toMillis(30));
        watcher.interrupt();
        EpochRecorder.Observation elected = run.epochs().firstLeaderAbove(epoch, fault);
        run.say(String.format("the new leader was in the shard table %.2f s after the kill, in the gateway's view %.2f s "
                + "after it; the last write refused: %s", (elected.nanos() - fault) / 1e9,
                gatewaySaw.get() == 0 ? Double.NaN : (gatewaySaw.get() - fault) / 1e9, run.writers().lastRefusal()));
        leader.restart();
        run.awaitInSync(leader.id(), Duration.ofSeconds(90));
        etcd.heal(cutOff);
        awaitCaughtUp(run, cutOff);
    }

    /** On three etcd members, the raft leader is killed (kill -9) under load and started again on its data. */
    private static void etcdMemberRestart(FaultRun run) throws Exception {
        EtcdCluster etcd = run.cluster().etcd();
        EtcdProcess member = etcd.leader() != null ? etcd.leader() : etcd.members().get(0);
        long killed = System.nanoTime();
        member.kill();
        run.say("killed etcd member " + member.name() + " (the etcd leader)");
        Thread.sleep(TTL.multipliedBy(2).toMillis());
        int acks = run.writers().acksBetween(killed, System.nanoTime());
        member.restart();
        run.say(String.format("%s started again %.2f s after the kill; %d writes acknowledged while it was down, "
                + "longest stall since the kill %.2f s", member.name(), (System.nanoTime() - killed) / 1e9, acks,
                run.writers().longestGapSince(killed)));
        assertTrue(acks > 0, "no write was acknowledged while etcd member " + member.name() + " was down");
        awaitCaughtUp(run, member);
    }

    /** Polls the gateway's view ({@code GET /cluster/vjvector}) until another node than {@code old} leads the shard. */
    private static void awaitGatewaySeesAnotherLeader(FaultRun run, String old, AtomicLong seenAt) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                JsonNode view = run.cluster().call(run.cluster().gateway(), "GET", "/cluster/vjvector", null).result();
                String leader = view == null ? "" : view.path("shards").path(0).path("leader").asText("");
                if (!leader.isEmpty() && !leader.equals(old)) {
                    seenAt.set(System.nanoTime());
                    return;
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the gateway is busy; ask again
            }
        }
    }

    /** Writes a marker through the whole cluster and waits until {@code member}'s own copy holds it. */
    private static void awaitCaughtUp(FaultRun run, EtcdProcess member) throws Exception {
        long start = System.nanoTime();
        ByteSequence marker = ByteSequence.from("/it-marker/" + start, StandardCharsets.UTF_8);
        try (var all = run.cluster().etcd().client(); var own = member.client()) {
            all.getKVClient().put(marker, marker).get(30, TimeUnit.SECONDS);
            GetOption serializable = GetOption.builder().withSerializable(true).build();
            long deadline = start + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    if (!own.getKVClient().get(marker, serializable).get(2, TimeUnit.SECONDS).getKvs().isEmpty()) {
                        break;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // still reconnecting
                }
                assertTrue(System.nanoTime() < deadline, "etcd member " + member.name() + " did not catch up");
                Thread.sleep(50);
            }
        }
        run.say(String.format("%s caught up %.2f s after healing", member.name(), (System.nanoTime() - start) / 1e9));
    }
}
