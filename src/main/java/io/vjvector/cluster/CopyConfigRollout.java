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
 * which config version its copy has applied ({@link CopyConfigResource}), again every
 * {@value #POLL_MILLIS} ms for those behind, until all have it or {@code within} passes. A node
 * that leaves the cluster meanwhile is no longer waited for: it applies the catalog's config
 * when it comes back, before its copy rejoins (see {@code DataNode}).
 */
public final class CopyConfigRollout implements ConfigRollout {

    /** Applying a change is a watch event and a few milliseconds on each node; a checkpoint when vectors change. */
    static final long POLL_MILLIS = 50;

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
        while (true) {
            Set<String> behind = behind(watch.current(), collection, version, applied);
            if (behind.isEmpty() || System.nanoTime() - deadline > 0) {
                return behind;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return behind;
            }
        }
    }

    /** Live nodes holding a copy of {@code collection} whose copies are not known to have {@code version}. */
    private Set<String> behind(ClusterView view, String collection, long version, Set<String> applied) {
        Set<String> behind = new TreeSet<>();
        if (!view.collections().containsKey(collection)) {
            return behind;
        }
        for (Map.Entry<ShardId, ShardAssignment> s : view.shards().entrySet()) {
            if (!s.getKey().collection().equals(collection)) {
                continue;
            }
            for (String nodeId : s.getValue().replicas()) {
                NodeRegistration node = view.nodes().get(nodeId);
                if (node == null || applied.contains(nodeId) || behind.contains(nodeId)) {
                    continue;
                }
                if (appliedVersion(node, collection) >= version) {
                    applied.add(nodeId);
                } else {
                    behind.add(nodeId);
                }
            }
        }
        return behind;
    }

    private long appliedVersion(NodeRegistration node, String collection) {
        try {
            byte[] answer = clients.post(node.nodeId(), node.url(), CopyConfigResource.path(collection), new byte[0]);
            return Long.parseLong(new String(answer, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
