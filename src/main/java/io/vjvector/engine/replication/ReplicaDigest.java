package io.vjvector.engine.replication;

/**
 * A digest of a range of a replica's log over the plaintext of each record (epoch, sequence,
 * type, payload), for checking that replicas agree: their log files differ when encrypted
 * (random nonces, per-file keys) even when their records are identical.
 *
 * @param fromSequence first sequence covered
 * @param toSequence   last sequence covered ({@code fromSequence - 1} for an empty range)
 * @param lastEpoch    the epoch of the record at {@code toSequence} ({@link EpochEnd#UNKNOWN}
 *                     for an empty range)
 * @param sha256       lowercase hex SHA-256 over the records, see {@link ShardReplica#digest}
 */
public record ReplicaDigest(long fromSequence, long toSequence, long lastEpoch, String sha256) {
}
