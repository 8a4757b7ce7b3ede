package io.vjvector.cluster.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.vjvector.cluster.EtcdProcess;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Registrations appear, disappear within the TTL once keep-alives stop, and come back after a lost lease. */
@Tag("cluster")
@Timeout(60)
class NodeRegistryTest {

    private static final Duration TTL = Duration.ofSeconds(1);
    private static EtcdProcess etcd;
    private static ScheduledExecutorService scheduler;

    @BeforeAll
    static void start() throws Exception {
        etcd = EtcdProcess.start();
        scheduler = Executors.newScheduledThreadPool(2);
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
        etcd.close();
    }

    private static NodeRegistration node(String id, NodeRole role) {
        return new NodeRegistration(id, role, "http://127.0.0.1:7" + id.length(), System.currentTimeMillis());
    }

    @Test
    void aNodeAppearsAndLeavesWithinTheTtlWhenItsKeepAlivesStop() throws Exception {
        ClusterKeys keys = new ClusterKeys("registry-leave");
        try (Client aClient = etcd.client(); Client bClient = etcd.client();
             NodeRegistry a = NodeRegistry.register(aClient, keys, node("a", NodeRole.MASTER), TTL, scheduler)) {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            a.addListener(new NodeRegistry.Listener() {
                public void joined(NodeRegistration node) {
                    events.add("joined " + node.nodeId());
                }

                public void left(NodeRegistration node) {
                    events.add("left " + node.nodeId());
                }
            });
            NodeRegistration b = node("bb", NodeRole.REPLICA);
            NodeRegistry bRegistry = NodeRegistry.register(bClient, keys, b, TTL, scheduler);
            String event;
            do {
                event = events.poll(5, TimeUnit.SECONDS);
            } while ("joined a".equals(event));
            assertEquals("joined bb", event);
            assertEquals(b, a.liveNodes().get("bb"));
            assertEquals(Set.of("a", "bb"), a.liveNodes().keySet());

            long stopped = System.nanoTime();
            bClient.close(); // no revoke: the lease must expire on its own
            assertEquals("left bb", events.poll(TTL.toMillis() + 2000, TimeUnit.MILLISECONDS));
            System.out.printf("registration gone %d ms after keep-alives stopped (TTL %d ms)%n",
                    (System.nanoTime() - stopped) / 1_000_000, TTL.toMillis());
            assertEquals(Set.of("a"), a.liveNodes().keySet());
            bRegistry.close();
        }
    }

    @Test
    void aNodeWhoseLeaseIsLostRegistersAgain() throws Exception {
        ClusterKeys keys = new ClusterKeys("registry-again");
        try (Client client = etcd.client();
             NodeRegistry a = NodeRegistry.register(client, keys, node("a", NodeRole.MASTER), TTL, scheduler)) {
            KeyValue before = client.getKVClient().get(ClusterKeys.bytes(keys.node("a"))).get().getKvs().get(0);
            client.getLeaseClient().revoke(before.getLease()).get();
            awaitTrue(() -> {
                var now = client.getKVClient().get(ClusterKeys.bytes(keys.node("a"))).join().getKvs();
                return !now.isEmpty() && now.get(0).getLease() != before.getLease();
            }, Duration.ofSeconds(5));
            awaitTrue(() -> a.registered() && a.liveNodes().containsKey("a"), Duration.ofSeconds(5));
            KeyValue after = client.getKVClient().get(ClusterKeys.bytes(keys.node("a"))).get().getKvs().get(0);
            assertNotEquals(before.getLease(), after.getLease());
        }
        try (Client client = etcd.client()) {
            assertTrue(client.getKVClient().get(ClusterKeys.bytes(keys.node("a"))).get().getKvs().isEmpty(),
                    "closing the registry removes the registration");
        }
    }

    static void awaitTrue(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not true within " + within);
            Thread.sleep(20);
        }
    }
}
