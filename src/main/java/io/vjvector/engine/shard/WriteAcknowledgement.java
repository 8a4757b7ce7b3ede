package io.vjvector.engine.shard;

/**
 * When a durable shard's writes may be acknowledged, beyond its own log: the hook through which a
 * shard that is one copy of a replicated set (its leader) waits for its in-sync copies, and
 * through which a follower refuses writes that must go to the leader. A standalone shard uses
 * {@link #LOCAL}: a write is acknowledged once its own log has it.
 */
public interface WriteAcknowledgement {

    /** Standalone: every write is admitted and acknowledged once it is locally durable. */
    WriteAcknowledgement LOCAL = new WriteAcknowledgement() {
        @Override
        public void admit() {
        }

        @Override
        public void await(long sequence) {
        }
    };

    /**
     * Called under the shard's write lock before a write is recorded.
     *
     * @throws WriteRefusedException to refuse it; nothing is recorded or applied
     */
    void admit();

    /**
     * Called after the write's record is locally durable, without the shard's lock (concurrent
     * writers wait together); returns once the write may be acknowledged to the client.
     *
     * @throws WriteRefusedException when it cannot be acknowledged (not enough copies in time, or
     *                               this copy stopped leading); the write is applied here and its
     *                               outcome is unknown to the client
     */
    void await(long sequence);
}
