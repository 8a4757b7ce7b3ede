package io.vjvector.cluster.gateway;

import io.vjvector.cluster.transport.NodeClients;
import io.vjvector.collection.wire.ShardTransport;

/**
 * How a replica-set handle reaches one copy of a shard, and what it knows of each copy's node
 * to choose among copies.
 */
public interface CopyTransports {

    /** The transport to {@code copy} of shard {@code shardId} of {@code collection}, writes sent under {@code epoch}. */
    ShardTransport transport(ShardCopy copy, String collection, int shardId, long epoch);

    /** Whether {@code copy}'s node takes calls now (its circuit is not open). */
    boolean available(ShardCopy copy);

    /** Calls to {@code copy}'s node in flight now. */
    int inFlight(ShardCopy copy);

    /** Copies reached over HTTP through {@code clients}. */
    static CopyTransports http(NodeClients clients) {
        return new CopyTransports() {
            @Override
            public ShardTransport transport(ShardCopy copy, String collection, int shardId, long epoch) {
                return clients.transport(copy.nodeId(), copy.url(), collection, shardId, epoch);
            }

            @Override
            public boolean available(ShardCopy copy) {
                return clients.available(copy.nodeId());
            }

            @Override
            public int inFlight(ShardCopy copy) {
                return clients.inFlight(copy.nodeId());
            }
        };
    }
}
