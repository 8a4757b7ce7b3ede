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

        @Override
        public Transfer transfer(String collection, int shardId) {
            throw io.vjvector.error.VJVectorException.notFound("this node holds no shard copies");
        }

        @Override
        public void transferRequired(String collection, int shardId, long leaderLogStart) {
            throw io.vjvector.error.VJVectorException.notFound("this node holds no shard copies");
        }
    };

    /** Applies an encoded batch to this node's copy; answers the encoded result. */
    byte[] apply(String collection, int shardId, byte[] batch) throws IOException;

    /** Where {@code epoch} ends in this node's copy (asked of a leader by a rejoining copy); encoded. */
    byte[] epochEnd(String collection, int shardId, long epoch) throws IOException;

    /** Writes a transfer stream; checks are made before one is handed out, so that a refusal is an error status. */
    @FunctionalInterface
    interface Transfer {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /**
     * This node's copy as a {@link io.vjvector.engine.replication.ShardTransfer} (asked of a leader
     * by a copy that must be re-created from it).
     */
    Transfer transfer(String collection, int shardId);

    /**
     * The leader tells this node that its copy ends before the leader's log starts
     * ({@code leaderLogStart}): the copy is re-created from the leader's by a transfer, unless it
     * already reaches that far (a late message).
     */
    void transferRequired(String collection, int shardId, long leaderLogStart) throws IOException;

    /**
     * Hands this node's leadership of the shard over to another in-sync copy (asked by the node
     * serving an operator's move or drop of this copy): new writes are refused as by a
     * non-leader, every in-sync copy gets the whole log, then this node leaves the in-sync set
     * and resigns. Returns once it resigned.
     *
     * @throws io.vjvector.error.NotLeaderException when this node does not lead the shard
     */
    default void handOver(String collection, int shardId) throws IOException {
        throw io.vjvector.error.VJVectorException.notFound("this node holds no shard copies");
    }
}
