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
     * How long a node relies on its copy of the managed API keys after it last confirmed the copy
     * with etcd. Past it (etcd unreachable, the watch behind), managed keys are refused with 503
     * until etcd answers again, so a key revoked through any node stops working on every node
     * within this long even on a node cut off from etcd. The static keys, Qdrant JWTs and OIDC
     * tokens do not depend on etcd and keep working.
     */
    @WithDefault("1s")
    Duration apiKeysMaxStaleness();

    /**
     * How long a data node may stay gone (its registration expired) before the leaders of the
     * shards it held re-create those copies on other live data nodes, bringing every shard back
     * to its replication factor.
     */
    @WithDefault("5m")
    Duration replaceAfter();

    /**
     * The credential nodes present to each other on internal calls; cluster roles refuse to start
     * without it. Usually from the environment ({@code VJVECTOR_CLUSTER_SECRET}).
     */
    Optional<String> secret();

    /** {@code vjvector.cluster.calls.*}: how calls between nodes are timed, retried and limited. */
    Calls calls();

    /**
     * Every call one node makes to another (a gateway to a shard's copy) runs under a timeout, a
     * circuit breaker per target node and a bulkhead per target node; only reads are retried.
     */
    interface Calls {

        /** How long one attempt of a call may take before it counts as failed. */
        @WithDefault("10s")
        Duration timeout();

        /**
         * How many times a failed read is retried on the same node before another copy is tried.
         * Writes are never retried: a write that got no answer may have been applied.
         */
        @WithDefault("1")
        int readRetries();

        /** Pause before a read is retried. */
        @WithDefault("50ms")
        Duration retryDelay();

        /** Calls to one node in flight at once; more are refused at once (the copy counts as busy). */
        @WithDefault("64")
        int bulkhead();

        /** How long a signed call stays valid: the largest clock difference between nodes tolerated. */
        @WithDefault("30s")
        Duration signatureValidity();

        /** {@code vjvector.cluster.calls.breaker.*}: the circuit breaker in front of each node. */
        Breaker breaker();
    }

    /** A node's circuit opens when enough of its recent calls fail, and closes after a trial. */
    interface Breaker {

        /** How many recent calls the failure ratio is taken over. */
        @WithDefault("20")
        int requestVolume();

        /** The share of failed calls among the recent ones that opens the circuit. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open circuit refuses calls before it lets trial calls through. */
        @WithDefault("5s")
        Duration delay();

        /** Successful trial calls that close the circuit again. */
        @WithDefault("2")
        int successThreshold();
    }
}
