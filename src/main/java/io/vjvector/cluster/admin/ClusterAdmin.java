package io.vjvector.cluster.admin;

import io.vjvector.cluster.coordination.ShardId;
import java.util.function.Predicate;

/**
 * The cluster's status and its operators' shard changes, as every role answers them: a standalone
 * node answers as Qdrant does with distributed mode off; gateways and data nodes from the shard
 * table in etcd. Collection names are the stored ones (tenant-prefixed); callers translate.
 */
public interface ClusterAdmin {

    /** Qdrant's {@code GET /cluster}. */
    ClusterInfo.Status status();

    /**
     * Qdrant's {@code GET /collections/{name}/cluster} for a collection or an alias.
     *
     * @throws io.vjvector.error.VJVectorException NOT_FOUND when it does not exist
     */
    ClusterInfo.CollectionCluster collection(String name);

    /**
     * VJVector's view of the cluster, the shards limited to those {@code visible} accepts.
     *
     * @throws io.vjvector.error.VJVectorException BAD_REQUEST on a standalone node
     */
    ClusterInfo.Overview overview(Predicate<ShardId> visible);

    /**
     * Applies an operator's shard change to the shard table (a compare-and-set on the shard's
     * record); the data nodes carry it out.
     *
     * @throws io.vjvector.error.VJVectorException BAD_REQUEST when the change breaks a rule
     *         ({@link ShardOperations}) or the node is standalone; NOT_FOUND for an unknown collection
     */
    void update(String name, ShardOperation operation);
}
