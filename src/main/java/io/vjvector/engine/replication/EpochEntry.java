package io.vjvector.engine.replication;

/**
 * One leader epoch in a shard's log: the records from {@code firstSequence} up to the next entry's
 * first sequence were written by the leader of {@code epoch}.
 *
 * @param epoch         leader epoch (the etcd leader key's create revision); 0 for records written
 *                      before the shard was replicated
 * @param firstSequence first sequence written in that epoch (for a leader that has written
 *                      nothing yet, the sequence its first write will get)
 */
public record EpochEntry(long epoch, long firstSequence) {

    public EpochEntry {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative, got " + epoch);
        }
        if (firstSequence < 1) {
            throw new IllegalArgumentException("sequences start at 1, got " + firstSequence);
        }
    }
}
