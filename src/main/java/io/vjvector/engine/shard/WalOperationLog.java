package io.vjvector.engine.shard;

import io.vjvector.engine.storage.Wal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;

/** A shard's {@link OperationLog} in its write-ahead log; counts bytes for the checkpoint policy. */
final class WalOperationLog implements OperationLog {

    private final Wal wal;
    private final long epoch;
    private final AtomicLong bytesWritten = new AtomicLong();

    WalOperationLog(Wal wal, long epoch) {
        this.wal = wal;
        this.epoch = epoch;
    }

    @Override
    public boolean records() {
        return true;
    }

    @Override
    public long write(byte type, byte[] record) {
        try {
            long sequence = wal.writer().write(epoch, type, record);
            bytesWritten.addAndGet(record.length);
            return sequence;
        } catch (IOException e) {
            throw new UncheckedIOException("write-ahead log " + wal.directory() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void awaitDurable(long sequence) {
        try {
            wal.writer().awaitDurable(sequence);
        } catch (IOException e) {
            throw new UncheckedIOException("write-ahead log " + wal.directory() + ": " + e.getMessage(), e);
        }
    }

    /** Operation bytes written since this log was opened. */
    long bytesWritten() {
        return bytesWritten.get();
    }
}
