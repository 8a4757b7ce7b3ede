package io.vjvector.cluster.admin;

import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.ClusterWatch;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.coordination.ShardTable;
import io.vjvector.collection.LocalShardSource;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A gateway's or data node's answers, from the shard table it watches; shard changes are written
 * to etcd with a compare-and-set on the shard's record (retried on a concurrent change), and the
 * data nodes carry them out: a node that finds itself among a shard's copies creates its copy,
 * the shard's leader feeds it and admits it to the in-sync set once caught up.
 */
public final class ClusterNodeAdmin implements ClusterAdmin {

    private static final int ATTEMPTS = 5;

    private final String self;
    private final ClusterWatch watch;
    private final ShardTable table;
    private final LocalShardSource local;
    private final Function<ShardId, List<ClusterInfo.ReplicaLag>> lag;

    /**
     * @param local this node's shards (for their point counts), or null on a gateway
     * @param lag   what this node knows of each shard's replication (its leader's view), empty when nothing
     */
    public ClusterNodeAdmin(String self, ClusterWatch watch, ShardTable table, LocalShardSource local,
                            Function<ShardId, List<ClusterInfo.ReplicaLag>> lag) {
        this.self = self;
        this.watch = watch;
        this.table = table;
        this.local = local;
        this.lag = lag;
    }

    @Override
    public ClusterInfo.Status status() {
        return ClusterInfo.status(watch.current(), self);
    }

    @Override
    public ClusterInfo.CollectionCluster collection(String name) {
        ClusterView view = watch.current();
        String collection = resolve(view, name);
        return ClusterInfo.collection(view, self, collection, (c, shard) -> {
            try {
                return local == null ? 0L : local.localShard(c, shard).count(null);
            } catch (VJVectorException e) {
                return 0L; // the copy is being created or reopened
            }
        });
    }

    @Override
    public ClusterInfo.Overview overview(Predicate<ShardId> visible) {
        ClusterView view = watch.current();
        ClusterView visibleView = new ClusterView(view.revision(), view.nodes(), view.collections(), view.aliases(),
                view.shards().entrySet().stream().filter(e -> visible.test(e.getKey()))
                        .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey,
                                java.util.Map.Entry::getValue)));
        return ClusterInfo.overview(visibleView, self, lag);
    }

    @Override
    public void update(String name, ShardOperation operation) {
        String collection = resolve(watch.current(), name);
        ShardId shard = new ShardId(collection, operation.shardId());
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                ShardTable.Versioned current = table.read(shard);
                if (current == null) {
                    throw VJVectorException.badRequest("shard_id", "collection `" + name + "` has no shard "
                            + operation.shardId());
                }
                ShardAssignment next = ShardOperations.apply(current.assignment(), operation, watch.current());
                if (table.compareAndSet(shard, current.modRevision(), next)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw VJVectorException.unavailable("the shard table in etcd could not be updated: " + e.getMessage());
        }
        throw VJVectorException.conflict("shard " + operation.shardId() + " of collection `" + name
                + "` kept changing; try again");
    }

    private static String resolve(ClusterView view, String name) {
        return view.resolve(name).orElseThrow(() -> VJVectorException.notFound("Collection `" + name
                + "` doesn't exist!"));
    }
}
