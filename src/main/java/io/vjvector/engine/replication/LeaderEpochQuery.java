package io.vjvector.engine.replication;

import java.io.IOException;

/**
 * Asks the shard's current leader where an epoch ends in its log: a call to
 * {@link ReplicationLeader#endSequenceFor} over whatever transport connects the replicas.
 */
@FunctionalInterface
public interface LeaderEpochQuery {

    /** The leader's {@link ReplicationLeader#endSequenceFor} of {@code epoch}. */
    EpochEnd endSequenceFor(long epoch) throws IOException;
}
