package io.vjvector.cluster.node;

import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.Placement;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides when a shard's leader re-creates the copy of a data node that stayed gone longer than
 * {@code vjvector.cluster.replace-after}, and where: on the live data node holding no copy of the
 * shard that holds the fewest copies overall (ties by node id, so every leader picks alike). The
 * gone copy must be out of the in-sync set already (the leader removed it when its registration
 * expired), so replacing it never drops an acknowledged write's only other copy. Remembers since
 * when each node is seen gone; one per leader node.
 */
final class CopyReplacement {

    /** Replace {@code gone}'s copy by a new one on {@code target}. */
    record Replacement(String gone, String target) {

        /** The shard record with the replacement made; null when it no longer applies. */
        ShardAssignment applyTo(ShardAssignment a) {
            if (!a.replicas().contains(gone) || a.inSync().contains(gone) || a.replicas().contains(target)) {
                return null;
            }
            return a.withCopyRemoved(gone).withCopyAdded(target, null);
        }
    }

    private final Duration after;
    private final Map<String, Long> goneSinceNanos = new HashMap<>();

    CopyReplacement(Duration after) {
        this.after = after;
    }

    /** Notes which nodes are gone as of {@code view} at {@code nowNanos}; call on every reconciliation. */
    synchronized void observe(ClusterView view, long nowNanos) {
        goneSinceNanos.keySet().removeIf(view.nodes()::containsKey);
        for (ShardAssignment a : view.shards().values()) {
            for (String node : a.replicas()) {
                if (!view.nodes().containsKey(node)) {
                    goneSinceNanos.putIfAbsent(node, nowNanos);
                }
            }
        }
    }

    /** The replacement due for {@code shard} (led by this node) as of {@code nowNanos}, if any. */
    synchronized Optional<Replacement> due(ShardId shard, ClusterView view, long nowNanos) {
        ShardAssignment a = view.shards().get(shard);
        if (a == null) {
            return Optional.empty();
        }
        for (String node : a.replicas()) {
            Long since = goneSinceNanos.get(node);
            if (since == null || nowNanos - since < after.toNanos() || a.inSync().contains(node)) {
                continue;
            }
            return target(a, view).map(t -> new Replacement(node, t));
        }
        return Optional.empty();
    }

    private static Optional<String> target(ShardAssignment a, ClusterView view) {
        return Placement.addTo(a.replicas(), 1, view.nodes().values(), Placement.copiesHeld(view.shards().values()))
                .stream().findFirst();
    }
}
