package io.vjvector.cluster.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.Client;
import io.vjvector.cluster.EtcdProcess;
import io.vjvector.collection.Catalog;
import io.vjvector.collection.CatalogContract;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The catalog in etcd keeps the {@link Catalog} contract, and records a new collection's shard
 * table in the same transaction as its entry.
 */
@Tag("cluster")
@Timeout(60)
class EtcdCatalogTest extends CatalogContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private static final List<NodeRegistration> THREE_NODES = List.of(
            new NodeRegistration("n1", NodeRole.MASTER, "http://127.0.0.1:1", 1),
            new NodeRegistration("n2", NodeRole.REPLICA, "http://127.0.0.1:2", 1),
            new NodeRegistration("n3", NodeRole.REPLICA, "http://127.0.0.1:3", 1),
            new NodeRegistration("g", NodeRole.GATEWAY, "http://127.0.0.1:4", 1));

    private static EtcdProcess etcd;
    private static Client client;
    private ClusterKeys keys;

    @BeforeAll
    static void startEtcd() throws Exception {
        etcd = EtcdProcess.start();
        client = etcd.client();
    }

    @AfterAll
    static void stopEtcd() {
        if (client != null) {
            client.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @BeforeEach
    void freshCluster() {
        keys = new ClusterKeys("catalog-" + CLUSTERS.incrementAndGet());
    }

    private EtcdCatalog open(Client on) {
        return new EtcdCatalog(on, keys, params -> Placement.place(params.shardNumber(), params.replicationFactor(),
                THREE_NODES, Map.of()), TIMEOUT);
    }

    @Override
    protected Catalog catalog() {
        return open(client);
    }

    /** Another client, as another node or a restarted one would read it. */
    @Override
    protected Catalog reopen() {
        Client other = etcd.client();
        // Read everything now: the contract test only reads from the reopened catalog.
        EtcdCatalog catalog = open(other);
        List<Catalog.Entry> entries = catalog.entries();
        Map<String, String> aliases = catalog.aliases();
        other.close();
        return new Catalog() {
            public List<Entry> entries() {
                return entries;
            }

            public Map<String, String> aliases() {
                return aliases;
            }

            public Entry newEntry(String name, io.vjvector.collection.CollectionParams params) {
                throw new UnsupportedOperationException();
            }

            public void put(Entry entry) {
                throw new UnsupportedOperationException();
            }

            public void remove(String name, Map<String, String> nextAliases) {
                throw new UnsupportedOperationException();
            }

            public void putAliases(Map<String, String> next) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void aNewCollectionIsRecordedWithItsShardTable() throws Exception {
        EtcdCatalog catalog = open(client);
        catalog.put(catalog.newEntry("c", params(4, 3, 2)));
        Map<ShardId, ShardAssignment> shards = new ShardTable(client, keys, TIMEOUT).readAll();
        assertEquals(3, shards.size());
        for (int shard = 0; shard < 3; shard++) {
            ShardAssignment a = shards.get(new ShardId("c", shard));
            assertEquals(2, a.replicas().size());
            assertEquals(a.replicas(), a.inSync(), "a new shard's copies are all in sync");
            assertNull(a.leader());
            assertEquals(0, a.epoch());
        }
    }

    @Test
    void creatingATakenNameIsAConflictAndChangesNothing() throws Exception {
        EtcdCatalog catalog = open(client);
        Catalog.Entry first = catalog.newEntry("c", params(4, 1));
        catalog.create(first);
        VJVectorException e = assertThrows(VJVectorException.class, () -> catalog.create(catalog.newEntry("c", params(8, 2))));
        assertEquals(ErrorKind.CONFLICT, e.kind());
        assertEquals(List.of(first), catalog.entries());
        assertEquals(1, new ShardTable(client, keys, TIMEOUT).readAll().size());
    }

    @Test
    void tooFewLiveDataNodesForTheReplicationFactorIsRefusedAndNothingRecorded() throws Exception {
        EtcdCatalog catalog = open(client);
        VJVectorException e = assertThrows(VJVectorException.class,
                () -> catalog.put(catalog.newEntry("c", params(4, 1, 4))));
        assertEquals(ErrorKind.BAD_REQUEST, e.kind());
        assertEquals("replication_factor", e.field());
        assertTrue(catalog.entries().isEmpty());
        assertTrue(new ShardTable(client, keys, TIMEOUT).readAll().isEmpty());
    }

    @Test
    void concurrentChangesThroughTwoNodesAreAllKept() throws Exception {
        EtcdCatalog catalog = open(client);
        catalog.put(catalog.newEntry("c", params(4, 1)));
        Client otherClient = etcd.client();
        try {
            List<EtcdCatalog> nodes = List.of(catalog, open(otherClient));
            int perThread = 6;
            List<Thread> threads = new java.util.ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int t = 0; t < 4; t++) {
                EtcdCatalog node = nodes.get(t % 2);
                String key = "writer" + t;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int n = i;
                        try {
                            node.change("c", p -> p.withSettings(new io.vjvector.collection.CollectionSettingsUpdate(null, null,
                                    null, null, null, null, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                                    .objectNode().put(key, n)).applyTo(p.settings())));
                        } catch (Exception | Error e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            // A change that kept losing the race gives up after a few attempts; every other one counts.
            Catalog.Entry entry = catalog.entries().get(0);
            assertEquals(4 * perThread - failures.size(), entry.configVersion(), "failures: " + failures);
            assertTrue(failures.size() <= 4, "most changes get through: " + failures);
            for (int t = 0; t < 4; t++) {
                assertTrue(entry.params().settings().metadata().has("writer" + t), entry.params().settings().metadata()
                        .toString());
            }
        } finally {
            otherClient.close();
        }
    }

    @Test
    void removingACollectionRemovesItsShardRecords() throws Exception {
        EtcdCatalog catalog = open(client);
        catalog.put(catalog.newEntry("c", params(4, 2)));
        catalog.put(catalog.newEntry("c2", params(4, 1)));
        catalog.remove("c", Map.of());
        assertEquals(List.of(new ShardId("c2", 0)), List.copyOf(new ShardTable(client, keys, TIMEOUT).readAll().keySet()));
    }
}
