package io.vjvector.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.StoredPoint;
import io.vjvector.engine.shard.WriteRefusedException;
import io.vjvector.error.VJVectorException;
import io.vjvector.engine.storage.WalOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random leader changes, crashes, in-sync set changes, partial shipping and checkpoints over three
 * replicas, checked against a model: acknowledged writes are never lost, epochs never go
 * backwards, replicas agree up to the high-water mark, and after healing every copy is identical.
 * Single-threaded and deterministic for a seed (writes wait for nothing; a write counts as
 * acknowledged once {@link ReplicationLeader#awaitReplicated} returns for it).
 */
class ReplicationModelTest {

    private static final long SEED = Long.getLong("vjvector.test.seed", System.nanoTime());
    private static final List<String> NODES = List.of("n0", "n1", "n2");

    @TempDir
    Path dir;

    private final Map<String, ShardReplica> replicas = new LinkedHashMap<>();
    private final Map<String, ReplicationFollower> followers = new HashMap<>();
    private final Map<String, FollowerFeed> feeds = new HashMap<>();
    private final Map<String, Long> highestSeen = new HashMap<>();
    /** The in-sync set as etcd would hold it, leader included. */
    private final Set<String> inSync = new TreeSet<>(NODES);
    /** Acknowledged writes: point id → the payload's "write" value. */
    private final Map<Long, String> acked = new LinkedHashMap<>();
    /** Written on the leader, outcome not known yet: sequence → point id. */
    private final Map<Long, Long> pending = new LinkedHashMap<>();
    private final List<String> caughtUp = new ArrayList<>();
    private String leaderNode;
    private ReplicationLeader leader;
    private long epoch;
    private long nextId;
    private long truncatedRecords;

    private static WalOptions options() {
        // One large segment: checkpoints never remove log a lagging copy still needs.
        return Replicas.options().withSegmentBytes(64L << 20);
    }

    @Test
    void acknowledgedWritesSurviveRandomLeaderChanges() throws Exception {
        System.out.println("ReplicationModelTest seed=" + SEED + " (replay with -Dvjvector.test.seed=" + SEED + ")");
        Random rnd = new Random(SEED);
        try {
            for (String n : NODES) {
                replicas.put(n, ShardReplica.open(dir.resolve(n), Replicas.spec(), options()));
            }
            elect(NODES.get(0));
            for (int step = 0; step < 400; step++) {
                String where = "seed=" + SEED + " step=" + step;
                int action = rnd.nextInt(100);
                if (action < 45) {
                    write(rnd);
                } else if (action < 75) {
                    ship(NODES.get(rnd.nextInt(NODES.size())), rnd, where);
                } else if (action < 80) {
                    shrink(rnd);
                } else if (action < 84) {
                    elect(pickInSync(rnd));
                } else if (action < 87) {
                    crash(NODES.get(rnd.nextInt(NODES.size())));
                } else if (action < 92) {
                    replicas.get(NODES.get(rnd.nextInt(NODES.size()))).durable().checkpoint();
                } else {
                    expand();
                }
                settle();
                checkInvariants(where);
            }
            heal(rnd);
            checkHealed();
        } finally {
            for (ShardReplica r : replicas.values()) {
                r.close();
            }
        }
    }

    private void write(Random rnd) {
        if (leader == null) {
            return;
        }
        long id = nextId++;
        ShardReplica r = replicas.get(leaderNode);
        try {
            r.shard().upsert(List.of(Replicas.point(rnd, id, "w" + id)));
            acked.put(id, "w" + id);
        } catch (VJVectorException e) {
            assertTrue(e.getCause() instanceof WriteRefusedException, e.toString());
            if (((WriteRefusedException) e.getCause()).recorded()) {
                pending.put(r.shard().appliedSequence(), id);
            }
        }
    }

    private void ship(String node, Random rnd, String where) throws Exception {
        FollowerFeed feed = feeds.get(node);
        if (feed == null) {
            return;
        }
        for (int i = rnd.nextInt(4); i >= 0; i--) {
            FollowerFeed.Step step = feed.shipOnce();
            if (step == FollowerFeed.Step.DIVERGED) {
                TruncationResult t = replicas.get(node).truncateToLeader(leader::endSequenceFor);
                assertFalse(t.needsSnapshot(), "truncation below a checkpoint at " + where + ": " + t);
                truncatedRecords += t.removed();
                followers.put(node, replicas.get(node).follow());
                feeds.put(node, new FollowerFeed(leader, node, Replicas.direct(followers.get(node)),
                        1 + rnd.nextInt(5), 1 << 20));
                return;
            }
            assertTrue(step != FollowerFeed.Step.FENCED && step != FollowerFeed.Step.SNAPSHOT_REQUIRED,
                    step + " at " + where);
        }
    }

    /** The leader removes a follower from the in-sync set (etcd first, then the leader). */
    private void shrink(Random rnd) {
        List<String> candidates = new ArrayList<>(inSync);
        candidates.remove(leaderNode);
        if (leader == null || candidates.isEmpty()) {
            return;
        }
        String out = candidates.get(rnd.nextInt(candidates.size()));
        inSync.remove(out);
        leader.removeInSync(out);
    }

    /** Adds the followers the leader reported caught up (etcd first, then the leader). */
    private void expand() {
        for (String node : caughtUp) {
            if (leader != null && !inSync.contains(node) && feeds.containsKey(node)) {
                try {
                    leader.addInSync(node);
                    inSync.add(node);
                } catch (IllegalStateException fellBehindAgain) {
                    // It was caught up when offered; writes since moved the high-water mark on.
                }
            }
        }
        caughtUp.clear();
    }

    private String pickInSync(Random rnd) {
        List<String> candidates = new ArrayList<>(inSync);
        return candidates.get(rnd.nextInt(candidates.size()));
    }

    /** Only an in-sync copy may lead; every other copy follows it. */
    private void elect(String node) throws Exception {
        if (leader != null) {
            leader.stepDown("a new leader was elected");
        }
        epoch++;
        leaderNode = node;
        inSync.add(node);
        Set<String> others = new TreeSet<>(inSync);
        others.remove(node);
        leader = replicas.get(node).lead(epoch, others, 1, Replicas.NO_WAIT);
        leader.onCaughtUp(caughtUp::add);
        pending.clear();
        caughtUp.clear();
        followers.clear();
        feeds.clear();
        for (String n : NODES) {
            if (!n.equals(node)) {
                follow(n);
            }
        }
    }

    private void follow(String node) {
        followers.put(node, replicas.get(node).follow());
        feeds.put(node, new FollowerFeed(leader, node, Replicas.direct(followers.get(node)), 3, 1 << 20));
    }

    /** A process dies and restarts; a leader that dies leaves the shard without one until an election. */
    private void crash(String node) throws Exception {
        replicas.get(node).close();
        replicas.put(node, ShardReplica.open(dir.resolve(node), Replicas.spec(), options()));
        if (node.equals(leaderNode)) {
            leader.stepDown("crashed");
            leader = null;
            feeds.clear();
            List<String> candidates = new ArrayList<>(inSync);
            elect(candidates.get((int) (epoch % candidates.size())));
        } else if (leader != null) {
            follow(node);
        }
    }

    /** Writes whose every in-sync copy has them become acknowledged. */
    private void settle() {
        if (leader == null) {
            return;
        }
        pending.entrySet().removeIf(e -> {
            try {
                leader.awaitReplicated(e.getKey(), Replicas.NO_WAIT);
                acked.put(e.getValue(), "w" + e.getValue());
                return true;
            } catch (WriteRefusedException notYet) {
                return false;
            }
        });
    }

    private void checkInvariants(String where) throws Exception {
        for (Map.Entry<String, ShardReplica> e : replicas.entrySet()) {
            long seen = e.getValue().history().highestEpochSeen();
            assertTrue(seen >= highestSeen.getOrDefault(e.getKey(), 0L), "epoch went backwards on " + e.getKey()
                    + " at " + where);
            highestSeen.put(e.getKey(), seen);
        }
        long hwm = leader.highWaterMark();
        ShardReplica lead = replicas.get(leaderNode);
        ReplicaDigest expected = lead.digest(lead.durable().logStart(), hwm);
        for (String node : inSync) {
            ShardReplica r = replicas.get(node);
            assertTrue(r.lastSequence() >= hwm, node + " is in sync but ends below the high-water mark at " + where);
            if (r.durable().logStart() <= expected.fromSequence()) {
                assertEquals(expected, r.digest(expected.fromSequence(), hwm), node + " disagrees below the"
                        + " high-water mark at " + where);
            }
        }
        for (String node : inSync) {
            assertAckedPresent(replicas.get(node), node + " at " + where);
        }
    }

    private void assertAckedPresent(ShardReplica r, String where) {
        List<PointId> ids = acked.keySet().stream().map(PointId::of).toList();
        Map<PointId, String> found = new HashMap<>();
        for (StoredPoint p : r.shard().retrieve(ids, true, false)) {
            found.put(p.id(), p.payload().get("write").asText());
        }
        for (Map.Entry<Long, String> e : acked.entrySet()) {
            assertEquals(e.getValue(), found.get(PointId.of(e.getKey())), "acknowledged write lost on " + where);
        }
    }

    /** Everyone rejoins and catches up; every copy joins the in-sync set. */
    private void heal(Random rnd) throws Exception {
        for (int round = 0; round < 50; round++) {
            for (String node : NODES) {
                if (feeds.containsKey(node)) {
                    ship(node, rnd, "healing");
                    Replicas.drain(feeds.get(node), leader);
                }
            }
            for (String node : NODES) {
                if (leader.isCaughtUp(node)) {
                    caughtUp.add(node);
                }
            }
            expand();
            settle();
            if (inSync.size() == NODES.size()) {
                return;
            }
        }
        throw new AssertionError("seed=" + SEED + ": copies never caught up: in sync " + inSync);
    }

    private void checkHealed() throws Exception {
        ShardReplica lead = replicas.get(leaderNode);
        for (String node : NODES) {
            ShardReplica r = replicas.get(node);
            assertEquals(lead.lastSequence(), r.lastSequence(), node + " seed=" + SEED);
            long from = Math.max(lead.durable().logStart(), r.durable().logStart());
            assertEquals(lead.digest(from, lead.lastSequence()), r.digest(from, r.lastSequence()),
                    node + " seed=" + SEED);
            assertEquals(Replicas.contents(lead.shard()), Replicas.contents(r.shard()), node + " seed=" + SEED);
            assertAckedPresent(r, node + " after healing, seed=" + SEED);
        }
        assertTrue(acked.size() > 20, "too few writes acknowledged to mean anything: " + acked.size());
        System.out.println("ReplicationModelTest: " + acked.size() + " writes acknowledged, " + epoch + " epochs, "
                + lead.lastSequence() + " records, " + truncatedRecords + " truncated by epoch");
    }
}
