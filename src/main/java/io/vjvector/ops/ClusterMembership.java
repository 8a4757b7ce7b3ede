package io.vjvector.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.vjvector.api.ReadConsistencyFilter;
import io.vjvector.cluster.ClusterRuntime;
import io.vjvector.cluster.coordination.NodeRegistration;
import io.vjvector.cluster.coordination.NodeRole;
import io.vjvector.cluster.gateway.CopyTransports;
import io.vjvector.cluster.gateway.GatewayCollectionService;
import io.vjvector.cluster.node.DataNode;
import io.vjvector.cluster.transport.CallSettings;
import io.vjvector.cluster.transport.ClusterCredential;
import io.vjvector.cluster.transport.NodeClients;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.LocalReplicas;
import io.vjvector.config.ClusterConfig;
import io.vjvector.config.Role;
import io.vjvector.ops.metrics.ClusterMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * This process's part in a cluster (gateway, master or replica): its etcd membership, the
 * collection service every role answers clients with (routing to shard leaders and copies), and on
 * data nodes the local shards and their leadership. Built by {@link CollectionServiceProducer}
 * when the role is not standalone.
 */
public final class ClusterMembership implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterMembership.class);

    private final ClusterRuntime runtime;
    private final GatewayCollectionService collections;
    private final ExecutorService fanOut;
    private final LocalCollectionService shards;
    private final DataNode dataNode;
    private final ClusterMetrics metrics;
    private final NodeClients clients;

    private ClusterMembership(ClusterRuntime runtime, GatewayCollectionService collections, ExecutorService fanOut,
                              LocalCollectionService shards, DataNode dataNode, ClusterMetrics metrics,
                              NodeClients clients) {
        this.clients = clients;
        this.runtime = runtime;
        this.metrics = metrics;
        this.collections = collections;
        this.fanOut = fanOut;
        this.shards = shards;
        this.dataNode = dataNode;
    }

    /**
     * Joins the cluster as {@code role}.
     *
     * @param shards   this node's local shards (masters and replicas), or null (gateways)
     * @param replicas the copies among {@code shards}, or null (gateways)
     * @param registry where the cluster's metrics go
     * @throws IllegalStateException naming the missing setting, or when etcd cannot be reached
     */
    static ClusterMembership join(Role role, ClusterConfig config, LocalCollectionService shards,
                                  LocalReplicas replicas, MeterRegistry registry) {
        List<String> endpoints = config.etcdEndpoints().filter(l -> !l.isEmpty()).orElseThrow(() ->
                new IllegalStateException("vjvector.role=" + role.configName() + " needs vjvector.cluster.etcd-endpoints"
                        + " (VJVECTOR_CLUSTER_ETCD_ENDPOINTS), the etcd client URLs"));
        NodeRole nodeRole = switch (role) {
            case GATEWAY -> NodeRole.GATEWAY;
            case MASTER -> NodeRole.MASTER;
            case REPLICA -> NodeRole.REPLICA;
            case STANDALONE -> throw new IllegalArgumentException("standalone joins no cluster");
        };
        String nodeId = config.nodeId().filter(s -> !s.isBlank()).orElseGet(() -> {
            if (nodeRole.holdsData()) {
                throw new IllegalStateException("vjvector.role=" + role.configName() + " needs vjvector.cluster.node-id"
                        + " (VJVECTOR_CLUSTER_NODE_ID), stable across restarts: its shard copies are recorded under it");
            }
            return "gateway-" + UUID.randomUUID().toString().substring(0, 8);
        });
        String url = config.advertiseUrl().filter(s -> !s.isBlank()).orElseGet(() -> {
            if (nodeRole.holdsData()) {
                throw new IllegalStateException("vjvector.role=" + role.configName() + " needs"
                        + " vjvector.cluster.advertise-url (VJVECTOR_CLUSTER_ADVERTISE_URL): how gateways reach this node");
            }
            return "http://" + hostName();
        });
        String secret = config.secret().orElseThrow();
        ClusterRuntime runtime;
        try {
            runtime = ClusterRuntime.join(endpoints, config.name(),
                    new NodeRegistration(nodeId, nodeRole, url, System.currentTimeMillis()), config.electionTtl());
        } catch (IOException e) {
            throw new IllegalStateException("cannot join cluster `" + config.name() + "` through etcd " + endpoints
                    + ": " + e.getMessage(), e);
        }
        ClusterMetrics metrics = new ClusterMetrics(registry);
        metrics.watchLeaders(runtime.watch());
        AtomicInteger threads = new AtomicInteger();
        ExecutorService fanOut = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "vjvector-fan-out-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        NodeClients clients = new NodeClients(
                new ClusterCredential(secret, config.calls().signatureValidity(), Clock.systemUTC()),
                CallSettings.from(config.calls()), metrics);
        GatewayCollectionService collections = new GatewayCollectionService(runtime.catalog(), runtime.routes(),
                CopyTransports.http(clients), fanOut, ReadConsistencyFilter::requested, runtime.configRollout(clients));
        DataNode dataNode = null;
        if (nodeRole.holdsData()) {
            dataNode = new DataNode(nodeId, nodeRole, shards, replicas, runtime.watch(), runtime.elections(), clients,
                    runtime.ttl(), config.replaceAfter());
            dataNode.start();
            metrics.watchReplication(dataNode::ledShards);
        }
        LOG.infof("Joined cluster `%s` as %s `%s` (%s) through etcd %s", config.name(), role.configName(), nodeId, url,
                endpoints);
        return new ClusterMembership(runtime, collections, fanOut, shards, dataNode, metrics, clients);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** What clients of this node talk to: every collection of the cluster. */
    GatewayCollectionService collections() {
        return collections;
    }

    /** This node's local shards, or null on a gateway. */
    LocalCollectionService shards() {
        return shards;
    }

    /** This node's shard leadership, or null on a gateway. */
    DataNode dataNode() {
        return dataNode;
    }

    /**
     * How an operator's move or drop of a leader's copy asks that leader to hand its leadership
     * over (the signed internal call {@code .../replication/handover}).
     */
    io.vjvector.cluster.admin.ClusterNodeAdmin.Handovers handovers() {
        return (leader, leaderUrl, shard) -> clients.post(leader, leaderUrl, DataNode.replicationPath(shard, "handover"),
                new byte[0]);
    }

    ClusterRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        metrics.close();
        if (dataNode != null) {
            dataNode.close();
        }
        runtime.close();
        fanOut.shutdownNow();
        clients.close();
        if (shards != null) {
            try {
                shards.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
