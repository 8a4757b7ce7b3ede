package io.vjvector.engine.shard;

/**
 * Where a shard records its operations before applying them: the write-ahead log of a durable
 * shard, or nothing for a shard that lives only in memory.
 */
public interface OperationLog {

    /**
     * A log that records nothing, for a shard that lives only in memory; its sequences still
     * count operations, so the shard knows its position.
     */
    static OperationLog none() {
        return new OperationLog() {
            private long sequence;

            @Override
            public boolean records() {
                return false;
            }

            @Override
            public long write(byte type, byte[] record) {
                return ++sequence;
            }

            @Override
            public long nextSequence() {
                return sequence + 1;
            }

            @Override
            public void awaitDurable(long sequence) {
            }
        };
    }

    /** False when {@link #write} keeps nothing, so callers may skip encoding the operation. */
    boolean records();

    /**
     * Records an operation. Called under the shard's write lock, so sequences follow the order in
     * which operations are applied.
     *
     * @return the record's sequence
     * @throws IllegalArgumentException      if the record is larger than the log accepts (nothing
     *                                       was written)
     * @throws java.io.UncheckedIOException if the record could not be written
     */
    long write(byte type, byte[] record);

    /**
     * The sequence the next {@link #write} will record at. Called under the shard's write lock,
     * which every write of the shard's own operations holds, so it is still true when that write comes.
     */
    long nextSequence();

    /**
     * Returns once {@code sequence} is as durable as the log's policy promises. Called after the
     * write lock is released, so concurrent writers can share one fsync.
     *
     * @throws java.io.UncheckedIOException if the log could not make it durable
     */
    void awaitDurable(long sequence);
}
