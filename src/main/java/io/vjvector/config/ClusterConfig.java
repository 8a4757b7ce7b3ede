package io.vjvector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code vjvector.cluster.*}: how a gateway, master or replica finds etcd and the other nodes.
 * Standalone ignores every key. Operators script against these names (and their environment
 * forms, {@code VJVECTOR_CLUSTER_ETCD_ENDPOINTS} and so on): keep them stable.
 */
@ConfigMapping(prefix = "vjvector.cluster")
public interface ClusterConfig {

    /** etcd client URLs, comma-separated ({@code http://10.0.0.5:2379,http://10.0.0.6:2379}). */
    Optional<List<String>> etcdEndpoints();

    /** The cluster's name: every etcd key of this cluster lives under {@code /vjvector/<name>/}. */
    @WithDefault("vjvector")
    String name();

    /** This node's id, unique in the cluster and stable across restarts (a pod name, a host name). */
    Optional<String> nodeId();

    /** The URL other nodes and gateways reach this node at ({@code http://10.0.0.7:6333}). */
    Optional<String> advertiseUrl();

    /**
     * TTL of the etcd leases behind node registrations and shard leadership: a dead leader is
     * replaced after about this long.
     */
    @WithDefault("5s")
    Duration electionTtl();

    /**
     * The credential nodes present to each other on internal calls; cluster roles refuse to start
     * without it. Usually from the environment ({@code VJVECTOR_CLUSTER_SECRET}).
     */
    Optional<String> secret();
}
