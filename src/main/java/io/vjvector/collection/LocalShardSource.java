package io.vjvector.collection;

/**
 * A collection service that holds shards in this process and lends them to calls from other
 * nodes (a data node; a gateway holds none).
 */
public interface LocalShardSource {

    /**
     * Shard {@code shardId} of collection {@code collection} as this node holds it.
     *
     * @throws io.vjvector.error.VJVectorException NOT_FOUND when this node holds no such shard
     */
    ShardHandle localShard(String collection, int shardId);

    /**
     * The config version ({@link Catalog.Entry#configVersion}) this node's copy of
     * {@code collection} has applied; -1 when it holds none.
     */
    long configVersion(String collection);
}
