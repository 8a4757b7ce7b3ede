package io.vjvector.engine.shard;

import io.vjvector.engine.storage.Wal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shard's {@link OperationLog} in its write-ahead log; counts bytes for the checkpoint policy.
 * Records carry the epoch of the leader this copy writes as, and a write is acknowledged as its
 * {@link WriteAcknowledgement} says (at once when standalone; once the in-sync copies have it when
 * leading a replicated shard).
 */
final class WalOperationLog implements OperationLog {

    private final Wal wal;
    private final AtomicLong bytesWritten = new AtomicLong();
    // Guarded by this: an epoch change never falls between admitting a write and recording it.
    private long epoch;
    private volatile WriteAcknowledgement acknowledgement = WriteAcknowledgement.LOCAL;

    WalOperationLog(Wal wal, long epoch) {
        this.wal = wal;
        this.epoch = epoch;
    }

    /**
     * From now on records are written with {@code newEpoch} and acknowledged by {@code ack}.
     *
     * @throws IllegalArgumentException if {@code newEpoch} is older than the log's last record
     */
    synchronized void writeAs(long newEpoch, WriteAcknowledgement ack) {
        Objects.requireNonNull(ack, "ack");
        if (newEpoch < wal.writer().lastEpoch()) {
            throw new IllegalArgumentException("epoch " + newEpoch + " is older than the log's last epoch "
                    + wal.writer().lastEpoch());
        }
        epoch = newEpoch;
        acknowledgement = ack;
    }

    @Override
    public boolean records() {
        return true;
    }

    @Override
    public synchronized long write(byte type, byte[] record) {
        acknowledgement.admit();
        try {
            long sequence = wal.writer().write(epoch, type, record);
            bytesWritten.addAndGet(record.length);
            return sequence;
        } catch (IOException e) {
            throw new UncheckedIOException("write-ahead log " + wal.directory() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long nextSequence() {
        return wal.writer().nextSequence();
    }

    @Override
    public void awaitDurable(long sequence) {
        try {
            wal.writer().awaitDurable(sequence);
        } catch (IOException e) {
            throw new UncheckedIOException("write-ahead log " + wal.directory() + ": " + e.getMessage(), e);
        }
        acknowledgement.await(sequence);
    }

    /** Counts operation bytes a follower wrote as copies of its leader's records. */
    void countReplicated(long bytes) {
        bytesWritten.addAndGet(bytes);
    }

    /** Operation bytes written (or replicated) since this log was opened. */
    long bytesWritten() {
        return bytesWritten.get();
    }
}
