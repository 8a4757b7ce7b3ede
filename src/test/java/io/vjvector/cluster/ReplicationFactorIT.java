package io.vjvector.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.cluster.coordination.ClusterKeys;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardTable;
import io.vjvector.collection.ShardRouter;
import io.vjvector.engine.point.PointId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PATCH /collections/{name}} of {@code replication_factor} and
 * {@code write_consistency_factor} on a cluster of three data nodes, under a writer that never
 * stops: raising the factor from 1 to 3 gives every shard three in-sync copies holding the same
 * points (the new ones by transfer: the leader's log no longer starts at 1), lowering it to 2 drops
 * one copy of each shard, and no write fails or is lost meanwhile. Then a write consistency
 * factor of 3 (capped at the shard's 2 copies) refuses writes once a copy's node is killed, and
 * lowering it to 1 lets them through again, both under the same leaderships.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReplicationFactorIT {

    // Longer than the fault tests' 2 s: this test changes copies, not leaders, and must keep its leaders on a busy machine.
    private static final Duration TTL = Duration.ofSeconds(5);
    private static final int SHARDS = 2;
    private static final ShardRouter ROUTER = new ShardRouter(SHARDS);

    @TempDir
    Path dir;

    @Test
    void changedFactorsAddAndDropCopiesAndApplyToTheNextWrite() throws Exception {
        Map<String, String> settings = Map.of(
                "vjvector.storage.wal.segment-size", "16K",
                "vjvector.storage.checkpoint.wal-bytes", "64K");
        long start = System.nanoTime();
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), TTL, 1, 2, settings)) {
            try {
                run(cluster, start);
            } catch (AssertionError | Exception e) {
                for (LocalCluster.Node n : cluster.nodes()) {
                    System.out.println("---- log of " + n.id() + " ----\n" + n.logTail());
                }
                throw e;
            }
        }
    }

    private void run(LocalCluster cluster, long start) throws Exception {
        LocalCluster.Node gateway = cluster.gateway();
        ShardTable table = new ShardTable(cluster.etcd().client(), new ClusterKeys("it"), Duration.ofSeconds(5));
        mark("cluster up", start);
        ok(cluster.call(gateway, "PUT", "/collections/rf", "{\"vectors\":{\"size\":4,\"distance\":\"Dot\"},"
                + "\"shard_number\":" + SHARDS + ",\"replication_factor\":1}"));
        Map<ShardId, ShardAssignment> first = await(table, a -> a.leader() != null, "a leader of every shard");
        for (int from = 0; from < 600; from += 100) {
            ok(cluster.call(gateway, "PUT", "/collections/rf/points?wait=true", points(from, from + 100)));
        }
        Writer writer = new Writer(cluster, 10_000);
        writer.start();

        long t = System.nanoTime();
        ok(cluster.call(gateway, "PATCH", "/collections/rf", "{\"params\":{\"replication_factor\":3}}"));
        Map<ShardId, ShardAssignment> three = await(table, a -> a.replicas().size() == 3 && a.inSync().size() == 3
                && Integer.valueOf(3).equals(a.factor()), "three in-sync copies of every shard");
        mark("replication_factor 1 -> 3: every shard has 3 in-sync copies", t);
        for (ShardId s : three.keySet()) {
            assertEquals(first.get(s).leader(), three.get(s).leader(), "the leader keeps its shard: " + three);
        }
        Set<Long> acked = writer.acknowledged();
        Set<Long> onEveryCopy = scrollAll(cluster);
        assertTrue(onEveryCopy.containsAll(acked), "every acknowledged write is on every copy, the same: missing "
                + missing(acked, onEveryCopy));
        JsonNode overview = cluster.call(gateway, "GET", "/cluster/vjvector", null).result();
        for (JsonNode shard : overview.get("shards")) {
            assertEquals(3, shard.get("replication_factor").asInt(), overview.toString());
            assertTrue(shard.get("unplaced_copies") == null, overview.toString());
        }

        t = System.nanoTime();
        ok(cluster.call(gateway, "PATCH", "/collections/rf", "{\"params\":{\"replication_factor\":2}}"));
        Map<ShardId, ShardAssignment> two = await(table, a -> a.replicas().size() == 2 && a.inSync().size() == 2
                && Integer.valueOf(2).equals(a.factor()), "one copy of every shard dropped");
        mark("replication_factor 3 -> 2: one copy of every shard dropped", t);
        for (ShardId s : two.keySet()) {
            assertTrue(three.get(s).replicas().containsAll(two.get(s).replicas()), "only drops: " + two);
            assertTrue(two.get(s).replicas().contains(three.get(s).leader()), "never the leader's copy: " + two);
        }
        Thread.sleep(500);
        writer.stop();
        System.out.println("ReplicationFactorIT: writes acknowledged " + writer.acknowledged().size() + ", failed "
                + writer.failures.get() + " while the factor changed");
        assertEquals(0, writer.failures.get(), "no write failed while copies were added and dropped: "
                + writer.lastFailure);
        acked = writer.acknowledged();
        onEveryCopy = scrollAll(cluster);
        assertTrue(onEveryCopy.containsAll(acked), "lost 0: missing " + missing(acked, onEveryCopy));
        System.out.println("ReplicationFactorIT: lost 0 of " + acked.size() + " acknowledged writes");

        // write_consistency_factor 3, capped at the 2 copies: a killed copy makes writes to its shard refused.
        ok(cluster.call(gateway, "PATCH", "/collections/rf", "{\"params\":{\"write_consistency_factor\":3}}"));
        ShardId shard = new ShardId("rf", 0);
        ShardAssignment a = table.read(shard).assignment();
        String victim = a.replicas().stream().filter(n -> !n.equals(a.leader())).findFirst().orElseThrow();
        long id = idOnShard(0, 50_000);
        ok(cluster.call(gateway, "PUT", "/collections/rf/points?wait=true", points(id, id + 1)));
        t = System.nanoTime();
        cluster.node(victim).kill();
        int status = 200;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (status != 503 && System.nanoTime() < deadline) {
            id = idOnShard(0, id + 1);
            status = cluster.call(gateway, "PUT", "/collections/rf/points?wait=true", points(id, id + 1)).status();
        }
        assertEquals(503, status, "a write to a shard with fewer in-sync copies than write_consistency_factor");
        mark("write_consistency_factor 3 after killing " + victim + ": writes to its shard get 503", t);
        id = idOnShard(0, id + 1);
        assertEquals(503, cluster.call(gateway, "PUT", "/collections/rf/points?wait=true", points(id, id + 1)).status());

        t = System.nanoTime();
        ok(cluster.call(gateway, "PATCH", "/collections/rf", "{\"params\":{\"write_consistency_factor\":1}}"));
        id = idOnShard(0, id + 1);
        LocalCluster.Reply r = cluster.call(gateway, "PUT", "/collections/rf/points?wait=true", points(id, id + 1));
        assertEquals(200, r.status(), "the next write after lowering write_consistency_factor: " + r.text());
        mark("write_consistency_factor 1: the next write is acknowledged", t);
        ShardAssignment after = table.read(shard).assignment();
        assertEquals(a.leader(), after.leader(), "the same leader throughout");
        assertEquals(a.epoch(), after.epoch(), "the same leadership throughout: no election applied the factor");
        mark("whole test", start);
    }

    /** Writes one point per request with {@code wait=true}, each with a new id, until stopped. */
    private static final class Writer {
        private final AtomicInteger failures = new AtomicInteger();
        private final Set<Long> acknowledged = new ConcurrentSkipListSet<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;
        private volatile String lastFailure;

        Writer(LocalCluster cluster, long firstId) {
            this.thread = new Thread(() -> {
                for (long id = firstId; !stop.get(); id++) {
                    try {
                        LocalCluster.Reply r = cluster.call(cluster.gateway(), "PUT", "/collections/rf/points?wait=true",
                                points(id, id + 1));
                        if (r.status() == 200) {
                            acknowledged.add(id);
                        } else {
                            failures.incrementAndGet();
                            lastFailure = r.text();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        lastFailure = e.toString();
                    }
                }
            }, "rf-writer");
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join();
        }

        Set<Long> acknowledged() {
            return new TreeSet<>(acknowledged);
        }
    }

    private static String points(long from, long to) {
        StringBuilder body = new StringBuilder("{\"points\":[");
        for (long id = from; id < to; id++) {
            body.append(id > from ? "," : "").append("{\"id\":").append(id).append(",\"vector\":[1,")
                    .append(id % 7).append(",2,3],\"payload\":{\"pad\":\"").append("z".repeat(100)).append("\"}}");
        }
        return body + "]}";
    }

    private static long idOnShard(int shard, long from) {
        long id = from;
        while (ROUTER.shardOf(PointId.of(id)) != shard) {
            id++;
        }
        return id;
    }

    /** Every point id that every in-sync copy of its shard holds in the same state ({@code consistency=all}). */
    private static Set<Long> scrollAll(LocalCluster cluster) throws Exception {
        LocalCluster.Reply r = ok(cluster.call(cluster.gateway(), "POST", "/collections/rf/points/scroll?consistency=all",
                "{\"limit\":10000,\"with_payload\":true,\"with_vector\":true}"));
        Set<Long> ids = new HashSet<>();
        for (JsonNode p : r.result().get("points")) {
            ids.add(p.get("id").asLong());
        }
        return ids;
    }

    private static List<Long> missing(Set<Long> wanted, Set<Long> held) {
        List<Long> out = new ArrayList<>();
        for (Long id : wanted) {
            if (!held.contains(id)) {
                out.add(id);
            }
        }
        return out.subList(0, Math.min(20, out.size()));
    }

    private static Map<ShardId, ShardAssignment> await(ShardTable table, Predicate<ShardAssignment> wanted, String what)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<ShardId, ShardAssignment> shards = shards(table);
        while (!shards.values().stream().allMatch(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            shards = shards(table);
        }
        assertTrue(shards.size() == SHARDS && shards.values().stream().allMatch(wanted), "waited 60 s for " + what
                + ": " + shards);
        return shards;
    }

    private static Map<ShardId, ShardAssignment> shards(ShardTable table) throws Exception {
        Map<ShardId, ShardAssignment> out = new java.util.TreeMap<>(java.util.Comparator.comparingInt(ShardId::shard));
        for (int s = 0; s < SHARDS; s++) {
            ShardTable.Versioned v = table.read(new ShardId("rf", s));
            if (v != null) {
                out.put(new ShardId("rf", s), v.assignment());
            }
        }
        return out;
    }

    private static LocalCluster.Reply ok(LocalCluster.Reply r) {
        assertEquals(200, r.status(), r.text());
        return r;
    }

    private static void mark(String what, long sinceNanos) {
        System.out.println("ReplicationFactorIT: " + what + " in " + (System.nanoTime() - sinceNanos) / 1_000_000 + " ms");
    }
}
