package io.vjvector.cluster;

import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.ClusterWatch;
import io.vjvector.cluster.coordination.NodeRegistration;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.gateway.ConfigRollout;
import io.vjvector.cluster.transport.CopyConfigResource;
import io.vjvector.cluster.transport.NodeClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link ConfigRollout} over the data nodes: asks every live node holding a copy of the collection
 * which config version its copy has applied ({@link CopyConfigResource}), again for those behind
 * after a pause that doubles from {@value #FIRST_PAUSE_MILLIS} ms to {@value #LONGEST_PAUSE_MILLIS}
 * ms (few calls: they count in each node's circuit breaker), until all have it or {@code within}
 * passes. A node
 * that leaves the cluster meanwhile is no longer waited for: it applies the catalog's config
 * when it comes back, before its copy rejoins (see {@code DataNode}).
 */
public final class CopyConfigRollout implements ConfigRollout {

    /** Applying a change is a watch event and a few milliseconds on each node; a checkpoint when vectors change. */
    static final long FIRST_PAUSE_MILLIS = 20;
    static final long LONGEST_PAUSE_MILLIS = 500;

    private final ClusterWatch watch;
    private final NodeClients clients;
    private final Duration within;

    public CopyConfigRollout(ClusterWatch watch, NodeClients clients, Duration within) {
        this.watch = watch;
        this.clients = clients;
        this.within = within;
    }

    @Override
    public Set<String> await(String collection, long version) {
        long deadline = System.nanoTime() + within.toNanos();
        Set<String> applied = new TreeSet<>();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            Set<String> behind = behind(watch.current(), collection, version, applied);
            if (behind.isEmpty() || System.nanoTime() - deadline > 0) {
                return behind;
            }
            try {
                Thread.sleep(pause);
                pause = Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return behind;
            }
        }
    }

    /**
     * Live nodes holding a copy of {@code collection} whose copies are not known to have
     * {@code version}, each with what it answered.
     */
    private Set<String> behind(ClusterView view, String collection, long version, Set<String> applied) {
        Set<String> behind = new TreeSet<>();
        Set<String> asked = new java.util.HashSet<>();
        if (!view.collections().containsKey(collection)) {
            return behind;
        }
        for (Map.Entry<ShardId, ShardAssignment> s : view.shards().entrySet()) {
            if (!s.getKey().collection().equals(collection)) {
                continue;
            }
            for (String nodeId : s.getValue().replicas()) {
                NodeRegistration node = view.nodes().get(nodeId);
                if (node == null || !asked.add(nodeId) || applied.contains(nodeId)) {
                    continue;
                }
                String answer = appliedVersion(node, collection);
                if (answer.matches("\\d+") && Long.parseLong(answer) >= version) {
                    applied.add(nodeId);
                } else {
                    behind.add(nodeId + " (" + answer + ")");
                }
            }
        }
        return behind;
    }

    /** The version the node answers, in decimal ({@code -1}: it holds no loaded copy), or why it did not. */
    private String appliedVersion(NodeRegistration node, String collection) {
        try {
            byte[] answer = clients.post(node.nodeId(), node.url(), CopyConfigResource.path(collection), new byte[0]);
            return new String(answer, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "no answer: " + e.getMessage();
        }
    }
}
