package io.vjvector.cluster.coordination;

import static io.vjvector.cluster.coordination.NodeRegistryTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.Client;
import io.vjvector.cluster.EtcdProcess;
import io.vjvector.collection.Catalog;
import io.vjvector.collection.CollectionParams;
import io.vjvector.engine.index.Distance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One leader per shard; a dead leader is replaced within the TTL plus two seconds with a higher
 * epoch; a deposed leader's guarded writes fail in etcd; a leader cut off from etcd stops
 * counting itself leader within the TTL.
 */
@Tag("cluster")
@Timeout(60)
class ShardLeadershipTest {

    private static final Duration TTL = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ShardId SHARD = new ShardId("c", 0);
    private static EtcdProcess etcd;
    private static Client admin;
    private static ScheduledExecutorService scheduler;

    @BeforeAll
    static void start() throws Exception {
        etcd = EtcdProcess.start();
        admin = etcd.client();
        scheduler = Executors.newScheduledThreadPool(2);
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
        admin.close();
        etcd.close();
    }

    /** A cluster whose collection "c" has one shard on nodes a and b, {@code inSync} of them in sync. */
    private static ClusterKeys cluster(String name, List<String> inSync) throws Exception {
        ClusterKeys keys = new ClusterKeys(name);
        EtcdCatalog catalog = new EtcdCatalog(admin, keys, params -> List.of(List.of("a", "b")), TIMEOUT);
        catalog.create(Catalog.Entry.withFreshDirectory("c", new CollectionParams(4, Distance.DOT, 1, 2, 1, 16, 100, 1000)));
        ShardTable table = new ShardTable(admin, keys, TIMEOUT);
        ShardTable.Versioned record = table.read(SHARD);
        assertTrue(table.compareAndSet(SHARD, record.modRevision(), record.assignment().withInSync(inSync)));
        return keys;
    }

    private static NodeRegistration node(String id) {
        return new NodeRegistration(id, NodeRole.MASTER, "http://127.0.0.1:1/" + id, System.currentTimeMillis());
    }

    @Test
    void theLoserTakesOverWithAHigherEpochWithinTheTtlPlusTwoSecondsOfTheLeadersDeath() throws Exception {
        ClusterKeys keys = cluster("takeover", List.of("a", "b"));
        Client aClient = etcd.client();
        try (Client bClient = etcd.client();
             ClusterWatch watch = ClusterWatch.start(admin, keys, TIMEOUT);
             NodeRegistry aNode = NodeRegistry.register(aClient, keys, node("a"), TTL, scheduler);
             NodeRegistry bNode = NodeRegistry.register(bClient, keys, node("b"), TTL, scheduler)) {
            ShardLeadership a = new ShardLeadership(aClient, keys, "a", TTL, scheduler);
            ShardLeadership b = new ShardLeadership(bClient, keys, "b", TTL, scheduler);
            Leadership first = a.campaign(SHARD).elected().get(5, TimeUnit.SECONDS);
            assertTrue(first.isValid());
            Candidacy waiting = b.campaign(SHARD);
            Thread.sleep(500);
            assertFalse(waiting.elected().isDone(), "one leader at a time");

            awaitTrue(() -> watch.current().route(SHARD).map(r -> "http://127.0.0.1:1/a".equals(r.leaderUrl())
                    && r.epoch() == first.epoch()).orElse(false), Duration.ofSeconds(5));

            long died = System.nanoTime();
            aClient.close(); // keep-alives stop; nothing is revoked
            Leadership second = waiting.elected().get(TTL.toMillis() + 2000, TimeUnit.MILLISECONDS);
            System.out.printf("new leader %d ms after the old one's keep-alives stopped (TTL %d ms)%n",
                    (System.nanoTime() - died) / 1_000_000, TTL.toMillis());
            assertTrue(second.epoch() > first.epoch(), second.epoch() + " > " + first.epoch());
            assertFalse(first.isValid(), "the dead leader's own deadline has passed");
            assertFalse(b.updateShardIfLeader(first, s -> s.withoutInSync("b")), "the old leadership writes nothing");

            assertTrue(b.updateShardIfLeader(second, s -> s.withoutInSync("a")));
            awaitTrue(() -> watch.current().route(SHARD).map(r -> "b".equals(r.leader()) && r.epoch() == second.epoch()
                    && "http://127.0.0.1:1/b".equals(r.leaderUrl()) && r.inSync().equals(
                            List.of(new ClusterView.Copy("b", "http://127.0.0.1:1/b")))).orElse(false),
                    Duration.ofSeconds(5));
            aNode.close();
            second.resign();
        }
    }

    @Test
    void aDeposedLeadersGuardedWriteFailsInEtcdEvenWhileItsLeaseLives() throws Exception {
        ClusterKeys keys = cluster("deposed", List.of("a", "b"));
        try (Client aClient = etcd.client(); Client bClient = etcd.client()) {
            ShardLeadership a = new ShardLeadership(aClient, keys, "a", TTL, scheduler);
            ShardLeadership b = new ShardLeadership(bClient, keys, "b", TTL, scheduler);
            Leadership old = a.campaign(SHARD).elected().get(5, TimeUnit.SECONDS);
            // etcd drops the old leader's key while the old leader still counts itself leader (a
            // lease that expired server-side during a pause looks just like this to it).
            admin.getKVClient().delete(ClusterKeys.bytes(old.leaderKey())).get();
            Leadership next = b.campaign(SHARD).elected().get(5, TimeUnit.SECONDS);
            assertTrue(next.epoch() > old.epoch());
            assertTrue(old.isValid(), "its lease is still kept alive");

            assertFalse(a.updateShardIfLeader(old, s -> s.withoutInSync("b")), "guarded by the old epoch");
            ShardAssignment record = new ShardTable(admin, keys, TIMEOUT).read(SHARD).assignment();
            assertEquals(List.of("a", "b"), record.inSync());
            assertEquals("b", record.leader());
            assertEquals(next.epoch(), record.epoch());
            old.resign();
            next.resign();
        }
    }

    @Test
    void aNodeOutsideTheInSyncSetMayNotCampaign() throws Exception {
        ClusterKeys keys = cluster("out-of-sync", List.of("a"));
        try (Client bClient = etcd.client()) {
            ShardLeadership b = new ShardLeadership(bClient, keys, "b", TTL, scheduler);
            ShardLeadership.NotInSyncException e = assertThrows(ShardLeadership.NotInSyncException.class,
                    () -> b.campaign(SHARD));
            assertTrue(e.getMessage().contains("in-sync"), e.getMessage());
        }
    }

    @Test
    void aLeaderStopsCountingItselfLeaderWithinTheTtlWhenEtcdIsPaused() throws Exception {
        Duration ttl = Duration.ofSeconds(2);
        try (EtcdProcess own = EtcdProcess.start(); Client client = own.client()) {
            ClusterKeys keys = new ClusterKeys("paused");
            new EtcdCatalog(client, keys, params -> List.of(List.of("a")), TIMEOUT)
                    .create(Catalog.Entry.withFreshDirectory("c", new CollectionParams(4, Distance.DOT, 1, 1, 1, 16, 100, 1000)));
            Leadership leadership = new ShardLeadership(client, keys, "a", ttl, scheduler)
                    .campaign(SHARD).elected().get(5, TimeUnit.SECONDS);
            Thread.sleep(ttl.toMillis()); // a few keep-alives answered
            assertTrue(leadership.isValid());
            long paused = System.nanoTime();
            own.pause();
            try {
                while (leadership.isValid()) {
                    Thread.sleep(5);
                }
                long invalidAfter = (System.nanoTime() - paused) / 1_000_000;
                System.out.printf("leadership invalid %d ms after etcd was paused (TTL %d ms)%n", invalidAfter, ttl.toMillis());
                // The deadline is the last answered keep-alive's send time (before the pause) plus
                // the TTL; the slack covers this loop's sleep and scheduling on a busy machine.
                assertTrue(invalidAfter <= ttl.toMillis() + 100, invalidAfter + " ms");
                assertTrue(invalidAfter >= ttl.toMillis() / 3 - 100, "it was valid a keep-alive period before: " + invalidAfter);
                assertFalse(leadership.isValid(), "validity never comes back");
            } finally {
                own.resume();
            }
            assertFalse(leadership.isValid(), "validity never comes back");
        }
    }
}
