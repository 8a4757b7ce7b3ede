package io.vjvector.cluster.coordination;

import io.vjvector.collection.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster as etcd held it at one revision: live nodes, catalog entries, aliases and the shard
 * table. Immutable; {@link ClusterWatch} publishes a new one after every change. Gateways and data
 * nodes route from it.
 *
 * @param revision    the etcd revision this view reflects
 * @param nodes       live nodes by id
 * @param collections catalog entries by collection name
 * @param aliases     alias name to collection name
 * @param shards      every shard's record
 */
public record ClusterView(
        long revision,
        Map<String, NodeRegistration> nodes,
        Map<String, Catalog.Entry> collections,
        Map<String, String> aliases,
        Map<ShardId, ShardAssignment> shards) {

    /** A node holding a copy, with its URL; {@code url} is null while the node is not live. */
    public record Copy(String nodeId, String url) {

        public boolean live() {
            return url != null;
        }
    }

    /**
     * Where a shard's requests go.
     *
     * @param leader    the recorded leader's node id, or null
     * @param leaderUrl the leader's URL, or null when there is no leader or it is not live
     * @param epoch     the recorded leader's epoch (0 before any)
     * @param inSync    the in-sync copies (the leader among them)
     * @param replicas  every copy, in sync or not
     */
    public record ShardRoute(ShardId shard, String leader, String leaderUrl, long epoch, List<Copy> inSync,
                             List<Copy> replicas) {

        /** True when writes can go somewhere: a recorded leader that is live. */
        public boolean hasLiveLeader() {
            return leaderUrl != null;
        }
    }

    public ClusterView {
        nodes = Map.copyOf(nodes);
        collections = Map.copyOf(collections);
        aliases = Map.copyOf(aliases);
        shards = Map.copyOf(shards);
    }

    /** The collection an alias or a name names, when it exists. */
    public Optional<String> resolve(String nameOrAlias) {
        if (collections.containsKey(nameOrAlias)) {
            return Optional.of(nameOrAlias);
        }
        String target = aliases.get(nameOrAlias);
        return target != null && collections.containsKey(target) ? Optional.of(target) : Optional.empty();
    }

    /** The route of one shard, when the shard exists. */
    public Optional<ShardRoute> route(ShardId shard) {
        ShardAssignment a = shards.get(shard);
        if (a == null) {
            return Optional.empty();
        }
        NodeRegistration leader = a.leader() == null ? null : nodes.get(a.leader());
        return Optional.of(new ShardRoute(shard, a.leader(), leader == null ? null : leader.url(), a.epoch(),
                copies(a.inSync()), copies(a.replicas())));
    }

    /** The routes of every shard of a collection, shard 0 first; empty when it has none. */
    public List<ShardRoute> routes(String collection) {
        List<ShardRoute> routes = new ArrayList<>();
        for (int shard = 0; ; shard++) {
            Optional<ShardRoute> route = route(new ShardId(collection, shard));
            if (route.isEmpty()) {
                return List.copyOf(routes);
            }
            routes.add(route.get());
        }
    }

    private List<Copy> copies(List<String> nodeIds) {
        List<Copy> copies = new ArrayList<>(nodeIds.size());
        for (String id : nodeIds) {
            NodeRegistration node = nodes.get(id);
            copies.add(new Copy(id, node == null ? null : node.url()));
        }
        return List.copyOf(copies);
    }
}
