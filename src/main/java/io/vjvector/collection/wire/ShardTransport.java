package io.vjvector.collection.wire;

/**
 * Carries one shard call's request bytes to the node holding the shard and returns its reply
 * bytes (see {@link ShardEndpoint}). In-process for {@link EncodedShardHandle#loopback}; over the
 * network for a remote shard.
 */
@FunctionalInterface
public interface ShardTransport {

    byte[] call(ShardCall call, byte[] request);
}
