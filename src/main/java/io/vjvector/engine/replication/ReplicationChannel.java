package io.vjvector.engine.replication;

import java.io.IOException;

/**
 * Carries batches from a shard's leader to one follower and brings back its answer: an HTTP call
 * between nodes (the batch and result encoded by {@link ReplicationCodec}), or a direct call to
 * {@link ReplicationFollower#apply} in-process.
 */
@FunctionalInterface
public interface ReplicationChannel {

    /**
     * Delivers {@code batch} to the follower and returns its answer.
     *
     * @throws IOException if the follower could not be reached or did not answer
     */
    ApplyResult send(ReplicationBatch batch) throws IOException;
}
