package io.vjvector.engine.storage;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tracks which sequences are durable and shares fsyncs between concurrent appenders (leader /
 * follower group commit). A waiter that finds no flush in progress becomes the leader: it
 * flushes everything written so far, which covers every record appended while the previous
 * flush ran, and wakes everyone it covered. So with N concurrent writers one fsync acknowledges
 * up to N records, and throughput grows with concurrency instead of being capped at one record
 * per disk flush.
 *
 * <p>After a failed flush the log is failed for good: which pages reached the disk is unknown
 * (Linux may drop the dirty pages and report success on the next fsync), so retrying could
 * acknowledge lost data. Reopening runs recovery, which finds out what is really on disk.
 */
final class GroupCommit {

    /** Makes everything written so far durable. */
    @FunctionalInterface
    interface Flusher {
        /** @return the last sequence now durable */
        long flushWritten() throws IOException;
    }

    /** An action run while no flush is in progress. */
    @FunctionalInterface
    interface Exclusive<T> {
        T run() throws IOException;
    }

    private final Flusher flusher;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean flushing;
    private long durable;
    private long truncations;
    private volatile IOException failure;
    private volatile long syncs;
    private volatile long syncNanos;

    GroupCommit(Flusher flusher, long durable) {
        this.flusher = flusher;
        this.durable = durable;
    }

    /**
     * Returns once {@code sequence} is durable, leading a flush if none is running.
     *
     * @throws IOException if a flush failed (now or earlier)
     */
    void awaitDurable(long sequence) throws IOException {
        lock.lock();
        try {
            long truncationsBefore = truncations;
            while (durable < sequence) {
                ensureHealthy();
                if (truncations != truncationsBefore) {
                    throw new IllegalStateException("the log was truncated while waiting for sequence "
                            + sequence + " to become durable");
                }
                if (flushing) {
                    changed.awaitUninterruptibly();
                } else {
                    lead();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs one flush for everyone; called and returns with the lock held. */
    private void lead() throws IOException {
        flushing = true;
        lock.unlock();
        long started = System.nanoTime();
        long covered = -1;
        IOException error = null;
        try {
            covered = flusher.flushWritten();
        } catch (IOException e) {
            error = e;
        } finally {
            lock.lock();
            flushing = false;
            if (error != null) {
                failure = error;
            } else if (covered >= 0) {
                durable = Math.max(durable, covered);
                syncNanos += System.nanoTime() - started;
                syncs++;
            }
            changed.signalAll();
        }
        ensureHealthy();
    }

    /** Marks the log failed (a write failed half-way); later appends and waits throw. */
    void fail(IOException cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @throws IOException if the log failed earlier */
    void ensureHealthy() throws IOException {
        IOException cause = failure;
        if (cause != null) {
            throw new IOException("the write-ahead log failed earlier and accepts no more writes;"
                    + " reopen it to recover: " + cause.getMessage(), cause);
        }
    }

    /**
     * Runs {@code action} while no flush runs or starts, for changes that move or remove
     * records (truncation): a flush must not sync a file being deleted, nor mark sequences
     * durable that no longer exist.
     */
    <T> T exclusive(Exclusive<T> action) throws IOException {
        lock.lock();
        try {
            while (flushing) {
                changed.awaitUninterruptibly();
            }
            return action.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * After a truncation or reset, which moves the end of the log: waiters for sequences that
     * may no longer exist are woken and fail. Only inside {@link #exclusive}.
     */
    void truncated(long lastSequence) {
        durable = Math.min(durable, lastSequence);
        truncations++;
        changed.signalAll();
    }

    /** Everything up to {@code sequence} is durable (the log is being closed after a final fsync). */
    void setDurable(long sequence) {
        durable = Math.max(durable, sequence);
    }

    /** False once a write or fsync failed. */
    boolean healthy() {
        return failure == null;
    }

    /** Highest sequence known durable. */
    long durable() {
        lock.lock();
        try {
            return durable;
        } finally {
            lock.unlock();
        }
    }

    /** Completed flushes. */
    long syncs() {
        return syncs;
    }

    /** Total time spent in completed flushes. */
    long syncNanos() {
        return syncNanos;
    }
}
