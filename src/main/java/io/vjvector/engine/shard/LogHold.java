package io.vjvector.engine.shard;

/**
 * Keeps a shard's log from a sequence on: checkpoints taken meanwhile delete no segment holding
 * that sequence or a later one ({@link DurableShard#holdLog}). Closing releases it; it also
 * expires on its own.
 */
public interface LogHold extends AutoCloseable {

    /** Keeps the log from {@code sequence} on instead (a hold only moves forward). */
    void moveTo(long sequence);

    /** Releases the hold. */
    @Override
    void close();
}
