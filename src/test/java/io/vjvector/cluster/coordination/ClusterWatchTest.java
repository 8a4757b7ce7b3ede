package io.vjvector.cluster.coordination;

import static io.vjvector.cluster.coordination.NodeRegistryTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.Client;
import io.vjvector.cluster.EtcdProcess;
import io.vjvector.collection.Catalog;
import io.vjvector.collection.CollectionParams;
import io.vjvector.engine.index.Distance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watched view shows a collection together with its shards, resolves aliases, and keeps following etcd across its restart. */
@Tag("cluster")
@Timeout(60)
class ClusterWatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static EtcdCatalog catalog(Client client, ClusterKeys keys) {
        return new EtcdCatalog(client, keys, params -> List.of(List.of("a", "b"), List.of("b", "a")), TIMEOUT);
    }

    private static Catalog.Entry entry(String name) {
        return Catalog.Entry.withFreshDirectory(name, new CollectionParams(4, Distance.DOT, 2, 2, 1, 16, 100, 1000));
    }

    @Test
    void aCollectionAppearsWithAllItsShardsInOneViewAndAliasesResolve() throws Exception {
        ClusterKeys keys = new ClusterKeys("view");
        try (EtcdProcess etcd = EtcdProcess.start(); Client client = etcd.client();
             ClusterWatch watch = ClusterWatch.start(client, keys, TIMEOUT)) {
            List<ClusterView> seen = new CopyOnWriteArrayList<>();
            watch.addListener(seen::add);
            EtcdCatalog catalog = catalog(client, keys);
            catalog.put(entry("c"));
            catalog.putAliases(Map.of("live", "c"));
            awaitTrue(() -> watch.current().resolve("live").isPresent(), Duration.ofSeconds(5));
            for (ClusterView view : seen) {
                assertEquals(view.collections().containsKey("c") ? 2 : 0, view.routes("c").size(),
                        "never a collection without its shards: " + view);
            }
            ClusterView view = watch.current();
            assertEquals(Optional.of("c"), view.resolve("c"));
            assertEquals(Optional.empty(), view.resolve("other"));
            ClusterView.ShardRoute route = view.routes("c").get(1);
            assertEquals(List.of(new ClusterView.Copy("b", null), new ClusterView.Copy("a", null)), route.replicas());
            assertEquals(null, route.leader());
            assertTrue(!route.hasLiveLeader());
        }
    }

    @Test
    void theViewKeepsFollowingEtcdAfterEtcdRestarts() throws Exception {
        ClusterKeys keys = new ClusterKeys("restart");
        try (EtcdProcess etcd = EtcdProcess.start(); Client client = etcd.client();
             ClusterWatch watch = ClusterWatch.start(client, keys, TIMEOUT)) {
            catalog(client, keys).put(entry("before"));
            awaitTrue(() -> watch.current().collections().containsKey("before"), Duration.ofSeconds(5));
            etcd.restart();
            catalog(client, keys).put(entry("after"));
            awaitTrue(() -> watch.current().collections().containsKey("after"), Duration.ofSeconds(20));
            assertEquals(2, watch.current().collections().size());
        }
    }
}
