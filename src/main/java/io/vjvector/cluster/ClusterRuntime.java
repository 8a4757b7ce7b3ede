package io.vjvector.cluster;

import io.etcd.jetcd.Client;
import io.vjvector.cluster.coordination.ClusterKeys;
import io.vjvector.cluster.coordination.ClusterWatch;
import io.vjvector.cluster.coordination.EtcdApiKeys;
import io.vjvector.cluster.coordination.EtcdCatalog;
import io.vjvector.cluster.coordination.EtcdClients;
import io.vjvector.cluster.coordination.NodeRegistration;
import io.vjvector.cluster.coordination.NodeRegistry;
import io.vjvector.cluster.coordination.NodeRole;
import io.vjvector.cluster.coordination.ShardLeadership;
import io.vjvector.cluster.coordination.ShardPlacer;
import io.vjvector.cluster.coordination.ShardTable;
import io.vjvector.cluster.transport.NodeClients;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * This node's membership of a cluster: its etcd client, its registration (under a lease), the
 * view of the cluster a watch keeps current, and the catalog. Built once at start-up for the
 * gateway, master and replica roles; closed at shutdown, which withdraws the registration.
 */
public final class ClusterRuntime implements AutoCloseable {

    /** Longest wait for one etcd call. */
    static final Duration ETCD_TIMEOUT = Duration.ofSeconds(5);

    private final Client client;
    private final ScheduledExecutorService scheduler;
    private final NodeRegistration self;
    private final Duration ttl;
    private final NodeRegistry registry;
    private final ClusterWatch watch;
    private final ClusterCatalog catalog;
    private final ClusterKeys keys;
    private EtcdApiKeys apiKeys;

    private ClusterRuntime(Client client, ScheduledExecutorService scheduler, NodeRegistration self, Duration ttl,
                           ClusterKeys keys, NodeRegistry registry, ClusterWatch watch, ClusterCatalog catalog) {
        this.client = client;
        this.scheduler = scheduler;
        this.self = self;
        this.ttl = ttl;
        this.keys = keys;
        this.registry = registry;
        this.watch = watch;
        this.catalog = catalog;
    }

    /**
     * Connects to etcd, starts watching the cluster and registers this node.
     *
     * @throws IOException when etcd cannot be reached
     */
    public static ClusterRuntime join(List<String> etcdEndpoints, String clusterName, NodeRegistration self,
                                      Duration ttl) throws IOException {
        Client client = EtcdClients.connect(etcdEndpoints);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "vjvector-cluster");
            t.setDaemon(true);
            return t;
        });
        ClusterWatch watch = null;
        NodeRegistry registry = null;
        try {
            ClusterKeys keys = new ClusterKeys(clusterName);
            watch = ClusterWatch.start(client, keys, ETCD_TIMEOUT);
            registry = NodeRegistry.register(client, keys, self, ttl, scheduler);
            NodeRegistry nodes = registry;
            ShardTable table = new ShardTable(client, keys, ETCD_TIMEOUT);
            EtcdCatalog etcd = new EtcdCatalog(client, keys,
                    ShardPlacer.overLiveNodes(() -> nodes.liveNodes().values(), table), ETCD_TIMEOUT);
            ClusterCatalog catalog = new ClusterCatalog(etcd, watch, ETCD_TIMEOUT, ttl.multipliedBy(3).plusSeconds(10));
            return new ClusterRuntime(client, scheduler, self, ttl, keys, registry, watch, catalog);
        } catch (IOException | RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            if (watch != null) {
                watch.close();
            }
            scheduler.shutdownNow();
            client.close();
            throw e;
        }
    }

    public NodeRegistration self() {
        return self;
    }

    public ClusterWatch watch() {
        return watch;
    }

    public ClusterCatalog catalog() {
        return catalog;
    }

    /** The lease TTL of registrations and leaderships. */
    public Duration ttl() {
        return ttl;
    }

    /** Shard elections for this node (masters and replicas). */
    public ShardLeadership elections() {
        if (!self.role().holdsData()) {
            throw new IllegalStateException("a " + self.role().wireName() + " leads no shards");
        }
        return new ShardLeadership(client, keys, self.nodeId(), ttl, scheduler);
    }

    /** Routes for gateways' shard calls, from the watched shard table. */
    public ClusterRoutes routes() {
        return new ClusterRoutes(watch, ttl.multipliedBy(2).plusSeconds(2));
    }

    /**
     * How a settings change waits for the copies: as long as a new collection waits for its first
     * leaders (a data node that has not applied a change by then is in trouble of its own).
     */
    public CopyConfigRollout configRollout(NodeClients clients) {
        return new CopyConfigRollout(watch, clients, ttl.multipliedBy(3).plusSeconds(10));
    }

    /** The shard table in etcd, for operators' changes ({@code POST /collections/{name}/cluster}). */
    public ShardTable shardTable() {
        return new ShardTable(client, keys, ETCD_TIMEOUT);
    }

    /**
     * The cluster's managed API keys, watched from etcd: started on first use (every role that
     * serves clients uses them), closed with the membership.
     *
     * @param maxStaleness how long the copy is relied on after it was last confirmed with etcd
     *                     ({@code vjvector.cluster.api-keys-max-staleness}); read on the first call
     * @throws IOException when etcd cannot be read
     */
    public synchronized EtcdApiKeys apiKeys(Duration maxStaleness) throws IOException {
        if (apiKeys == null) {
            apiKeys = EtcdApiKeys.start(client, keys, ETCD_TIMEOUT, maxStaleness);
        }
        return apiKeys;
    }

    public boolean isRole(NodeRole role) {
        return self.role() == role;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (apiKeys != null) {
                apiKeys.close();
            }
        }
        registry.close();
        watch.close();
        scheduler.shutdownNow();
        client.close();
    }
}
