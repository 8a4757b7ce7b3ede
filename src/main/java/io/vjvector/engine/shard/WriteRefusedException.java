package io.vjvector.engine.shard;

/**
 * A {@link WriteAcknowledgement} refused to admit or acknowledge a write for a reason outside the
 * shard's storage: this copy does not lead, too few copies are in sync, or they did not confirm
 * in time. The shard stays healthy (unlike a storage failure); the request gets a 503.
 */
public final class WriteRefusedException extends RuntimeException {

    private final boolean recorded;

    /**
     * @param message  what happened and what the caller may do (retry, go to the leader)
     * @param recorded true when the write was already recorded and applied on this copy (its
     *                 outcome is unknown: it may still become durable on every copy)
     */
    public WriteRefusedException(String message, boolean recorded) {
        super(message);
        this.recorded = recorded;
    }

    /** True when the write was recorded on this copy before it was refused. */
    public boolean recorded() {
        return recorded;
    }
}
