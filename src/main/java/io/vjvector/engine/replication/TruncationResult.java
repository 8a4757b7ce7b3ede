package io.vjvector.engine.replication;

/**
 * What a replica did to rejoin a leader ({@link ShardReplica#truncateToLeader}).
 *
 * @param divergence    the last sequence the replica's log shares with the leader's
 * @param removed       records removed from the end of its log (0 when it had not diverged)
 * @param needsSnapshot true when the divergence lies below the replica's checkpoint, or the
 *                      leader knows none of its epochs: nothing was truncated, and the replica
 *                      must be re-created from a snapshot of the leader
 */
public record TruncationResult(long divergence, long removed, boolean needsSnapshot) {
}
