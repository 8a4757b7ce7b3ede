package io.vjvector.cluster.transport;

import java.io.IOException;

/**
 * The follower side of shard replication, as the internal endpoint reaches it: a data node's
 * shard copies apply the leader's batches and answer where an epoch ends in their logs. Messages
 * are {@link io.vjvector.engine.replication.ReplicationCodec}'s.
 */
public interface ReplicationReceiver {

    /** A node that holds no shard copies. */
    ReplicationReceiver NONE = new ReplicationReceiver() {
        @Override
        public byte[] apply(String collection, int shardId, byte[] batch) {
            throw io.vjvector.error.VJVectorException.notFound("this node holds no shard copies");
        }

        @Override
        public byte[] epochEnd(String collection, int shardId, long epoch) {
            throw io.vjvector.error.VJVectorException.notFound("this node holds no shard copies");
        }
    };

    /** Applies an encoded batch to this node's copy; answers the encoded result. */
    byte[] apply(String collection, int shardId, byte[] batch) throws IOException;

    /** Where {@code epoch} ends in this node's copy (asked of a leader by a rejoining copy); encoded. */
    byte[] epochEnd(String collection, int shardId, long epoch) throws IOException;
}
