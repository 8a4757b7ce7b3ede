package io.vjvector.cluster.admin;

import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.LocalShardSource;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A standalone node's answers: distributed mode is off ({@code {"status":"disabled"}}), every
 * shard is local and active, and shard changes are refused, as Qdrant answers without a cluster.
 * Its peer id is that of the node id {@value #NODE_ID}.
 */
public final class StandaloneClusterAdmin implements ClusterAdmin {

    static final String NODE_ID = "standalone";
    private static final String DISABLED = "distributed mode is disabled: this node is standalone"
            + " (start the cluster roles to change shard placement)";

    private final CollectionService collections;
    private final LocalShardSource shards;

    public StandaloneClusterAdmin(CollectionService collections, LocalShardSource shards) {
        this.collections = collections;
        this.shards = shards;
    }

    @Override
    public ClusterInfo.Status status() {
        return ClusterInfo.Status.DISABLED;
    }

    @Override
    public ClusterInfo.CollectionCluster collection(String name) {
        int count = collections.params(name).shardNumber();
        List<ClusterInfo.LocalShard> local = new ArrayList<>();
        for (int shard = 0; shard < count; shard++) {
            local.add(new ClusterInfo.LocalShard(shard, null, shards.localShard(name, shard).count(null),
                    ClusterInfo.ACTIVE));
        }
        return new ClusterInfo.CollectionCluster(PeerIds.of(NODE_ID), count, local, List.of(), List.of());
    }

    @Override
    public ClusterInfo.Overview overview(Predicate<ShardId> visible) {
        throw VJVectorException.badRequest("cluster", DISABLED);
    }

    @Override
    public void update(String name, ShardOperation operation) {
        collections.params(name);
        throw VJVectorException.badRequest("cluster", DISABLED);
    }
}
