package io.vjvector.cluster.coordination;

import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the copies of a new collection's shards go: a pure function of the shard count, the
 * replication factor, the live data nodes and how many copies each already holds.
 *
 * <p>Each shard takes the {@code replicationFactor} distinct nodes holding the fewest copies
 * (the collection's earlier shards included), so no node ever holds two copies of one shard and
 * copies spread evenly over the cluster. Among a shard's chosen nodes the first (its preferred
 * leader) is a master when one was chosen (masters take leadership when a shard has none) and
 * otherwise the one preferred least often so far, so leaders spread evenly too. Ties go to the
 * lower node id, so the same inputs always give the same placement.
 */
public final class Placement {

    private Placement() {
    }

    /**
     * One replica list per shard (shard 0 first), the preferred leader first in each.
     *
     * @param liveNodes  the live nodes; gateways among them are skipped
     * @param heldCopies copies each node already holds (of other collections); absent means none
     * @throws VJVectorException BAD_REQUEST naming {@code replication_factor} when there are fewer
     *                           live data nodes than copies wanted
     */
    public static List<List<String>> place(int shardNumber, int replicationFactor,
                                           Collection<NodeRegistration> liveNodes, Map<String, Integer> heldCopies) {
        if (shardNumber < 1) {
            throw VJVectorException.badRequest("shard_number", "shard_number must be at least 1");
        }
        if (replicationFactor < 1) {
            throw VJVectorException.badRequest("replication_factor", "replication_factor must be at least 1");
        }
        List<NodeRegistration> data = liveNodes.stream().filter(n -> n.role().holdsData())
                .sorted(Comparator.comparing(NodeRegistration::nodeId)).toList();
        if (data.size() < replicationFactor) {
            throw VJVectorException.badRequest("replication_factor", "replication_factor " + replicationFactor
                    + " needs as many live data nodes (masters and replicas), and the cluster has " + data.size()
                    + ": no node may hold two copies of one shard");
        }
        Map<String, Integer> copies = new HashMap<>();
        Map<String, Integer> preferred = new HashMap<>();
        for (NodeRegistration node : data) {
            copies.put(node.nodeId(), heldCopies.getOrDefault(node.nodeId(), 0));
            preferred.put(node.nodeId(), 0);
        }
        List<List<String>> shards = new ArrayList<>(shardNumber);
        for (int shard = 0; shard < shardNumber; shard++) {
            List<NodeRegistration> chosen = data.stream()
                    .sorted(Comparator.<NodeRegistration>comparingInt(n -> copies.get(n.nodeId()))
                            .thenComparing(NodeRegistration::nodeId))
                    .limit(replicationFactor).toList();
            NodeRegistration first = chosen.stream()
                    .min(Comparator.<NodeRegistration>comparingInt(n -> n.role() == NodeRole.MASTER ? 0 : 1)
                            .thenComparingInt(n -> preferred.get(n.nodeId()))
                            .thenComparing(NodeRegistration::nodeId))
                    .orElseThrow();
            List<String> replicas = new ArrayList<>(replicationFactor);
            replicas.add(first.nodeId());
            for (NodeRegistration n : chosen) {
                if (n != first) {
                    replicas.add(n.nodeId());
                }
                copies.merge(n.nodeId(), 1, Integer::sum);
            }
            preferred.merge(first.nodeId(), 1, Integer::sum);
            shards.add(List.copyOf(replicas));
        }
        return List.copyOf(shards);
    }

    /**
     * Nodes for up to {@code count} new copies of a shard whose copies are on {@code holders}:
     * live data nodes holding none of it, the fewest copies held first, ties to the lower node
     * id, so every node deciding from the same view picks alike. Fewer (maybe none) when fewer
     * such nodes are live.
     *
     * @param heldCopies copies each node holds now ({@link #copiesHeld}); absent means none
     */
    public static List<String> addTo(Collection<String> holders, int count, Collection<NodeRegistration> liveNodes,
                                     Map<String, Integer> heldCopies) {
        return liveNodes.stream()
                .filter(n -> n.role().holdsData() && !holders.contains(n.nodeId()))
                .map(NodeRegistration::nodeId)
                .sorted(Comparator.<String>comparingInt(n -> heldCopies.getOrDefault(n, 0))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(Math.max(0, count))
                .toList();
    }

    /** How many shard copies each node holds in {@code shards} (the load placement balances). */
    public static Map<String, Integer> copiesHeld(Collection<ShardAssignment> shards) {
        Map<String, Integer> copies = new HashMap<>();
        for (ShardAssignment a : shards) {
            for (String node : a.replicas()) {
                copies.merge(node, 1, Integer::sum);
            }
        }
        return copies;
    }
}
