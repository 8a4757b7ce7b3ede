package io.vjvector.cluster.gateway;

/**
 * Where each shard's copies are: what a gateway needs of the cluster's shard table. The control
 * plane implements it from etcd (a watch keeps a local table current); tests use fixed tables.
 * Implementations are thread-safe and answer {@link #route} from memory: it is asked on every
 * shard call.
 */
public interface ShardRoutes {

    /**
     * The current route of shard {@code shardId} of {@code collection}.
     *
     * @throws io.vjvector.error.VJVectorException NOT_FOUND for a collection or shard the table
     *                                             does not have, UNAVAILABLE when the table
     *                                             cannot be read
     */
    ShardRoute route(String collection, int shardId);

    /**
     * The route after a copy answered that it does not lead the shard: one with an epoch of at
     * least {@code minEpoch} if the table learns of it within a short wait (bounded by the
     * implementation, about an election's length), otherwise the current one. Called once per
     * refused write, never in a loop.
     *
     * @param minEpoch the epoch the refusing copy reported, or one past the refused route's
     */
    ShardRoute refresh(String collection, int shardId, long minEpoch);
}
