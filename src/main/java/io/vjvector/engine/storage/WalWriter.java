package io.vjvector.engine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends records to the log: assigns sequences, frames and (optionally) encrypts records, rolls
 * segments, and makes appends durable according to the {@link FsyncPolicy}. Thread-safe.
 *
 * <p>Two ways to append. {@link #append} returns once the record is durable (under
 * {@link FsyncPolicy#ALWAYS}). A caller that must keep its own lock across "assign sequence and
 * apply" uses {@link #write} inside that lock and {@link #awaitDurable} after releasing it, so
 * that other appenders can join the same fsync (holding a lock across the fsync would serialize
 * them and defeat group commit).
 */
public final class WalWriter {

    private final Path directory;
    private final WalOptions options;
    private final SegmentList segments;
    private final GroupCommit commit;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private final Gcm gcm = new Gcm();
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private Segment active;
    private long nextSequence;
    private boolean closed;
    // Written under lock, read without it.
    private volatile long lastEpoch;
    private volatile long lastSequence;
    private volatile long generation;
    private volatile long appendedRecords;
    private volatile long appendedBytes;

    WalWriter(Path directory, WalOptions options, SegmentList segments) throws IOException {
        this.directory = directory;
        this.options = options;
        this.segments = segments;
        this.active = segments.last();
        this.nextSequence = active.lastSequence() + 1;
        this.lastEpoch = active.lastEpoch();
        this.lastSequence = active.lastSequence();
        this.commit = new GroupCommit(this::flushWritten, lastSequence);
        adoptKeys();
    }

    /** Rotation: new records go to a segment under the current key (or plaintext if none). */
    private void adoptKeys() throws IOException {
        String wanted = options.keys().encrypts() ? options.keys().currentKeyId() : null;
        if (Objects.equals(active.keyId(), wanted)) {
            return;
        }
        if (!active.isEmpty()) {
            roll();
            return;
        }
        Segment fresh = Segment.create(directory, active.firstSequence(), active.lastEpoch(), options.keys());
        active.close();
        List<Segment> list = new ArrayList<>(segments.snapshot());
        list.set(list.size() - 1, fresh);
        segments.replace(list);
        active = fresh;
    }

    /**
     * Appends a record with the next sequence and returns once it is durable as the policy
     * requires: on stable storage under {@link FsyncPolicy#ALWAYS}, written to the OS otherwise.
     *
     * @param epoch   leader epoch; must not be older than the last record's
     * @param type    operation kind, opaque to the log
     * @param payload serialized operation, at most {@link WalOptions#maxRecordBytes()} bytes
     * @return the record's sequence
     * @throws IOException if writing or syncing failed; the log then refuses further appends
     */
    public long append(long epoch, byte type, byte[] payload) throws IOException {
        long sequence = write(epoch, type, payload);
        awaitDurable(sequence);
        return sequence;
    }

    /**
     * Writes a record with the next sequence without waiting for durability; follow with
     * {@link #awaitDurable} before acknowledging it.
     *
     * @return the record's sequence
     */
    public long write(long epoch, byte type, byte[] payload) throws IOException {
        checkPayload(payload);
        lock.lock();
        try {
            return writeLocked(epoch, nextSequence, type, payload);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a record copied from a leader, keeping its epoch and sequence, and returns once it
     * is durable as the policy requires.
     *
     * @throws IllegalArgumentException unless {@code record.sequence()} is {@link #nextSequence()}
     */
    public void appendReplicated(WalRecord record) throws IOException {
        writeReplicated(record);
        awaitDurable(record.sequence());
    }

    /**
     * Writes a record copied from a leader, keeping its epoch and sequence, without waiting for
     * durability: a follower writes a whole batch this way, then makes it durable with one
     * {@link #awaitDurable} of the last sequence (one fsync per batch rather than per record).
     *
     * @throws IllegalArgumentException unless {@code record.sequence()} is {@link #nextSequence()}
     *                                  and its epoch is not older than the last record's
     */
    public void writeReplicated(WalRecord record) throws IOException {
        checkPayload(record.payload());
        lock.lock();
        try {
            if (record.sequence() != nextSequence) {
                throw new IllegalArgumentException("replicated record has sequence " + record.sequence()
                        + " but the log expects " + nextSequence);
            }
            writeLocked(record.epoch(), record.sequence(), record.type(), record.payload());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code sequence} is durable as the policy requires: under
     * {@link FsyncPolicy#ALWAYS} joins or leads a group fsync; otherwise returns at once.
     *
     * @throws IOException if a write or fsync failed
     */
    public void awaitDurable(long sequence) throws IOException {
        if (options.fsyncPolicy() == FsyncPolicy.ALWAYS) {
            sync(sequence);
        } else {
            commit.ensureHealthy();
        }
    }

    /** Forces everything written so far to stable storage, whatever the policy. */
    public void sync() throws IOException {
        sync(lastSequence);
    }

    /**
     * The periodic flush of {@link FsyncPolicy#INTERVAL}: syncs what was written, if anything.
     * A truncation racing with it is not an error; the next round syncs the new end.
     */
    void syncPeriodically() throws IOException {
        long last = lastSequence;
        if (last <= commit.durable()) {
            return;
        }
        try {
            commit.awaitDurable(last);
        } catch (IllegalStateException truncatedMeanwhile) {
            commit.ensureHealthy();
        }
    }

    private void sync(long sequence) throws IOException {
        if (sequence > lastSequence) {
            throw new IllegalArgumentException("sequence " + sequence + " has not been written (last is "
                    + lastSequence + ")");
        }
        commit.awaitDurable(sequence);
    }

    /** Sequence of the last record written ({@code firstSequence - 1} when the log is empty). */
    public long lastSequence() {
        return lastSequence;
    }

    /** Epoch of the last record (0 for a log that has been empty since it was opened or reset). */
    public long lastEpoch() {
        return lastEpoch;
    }

    /** The sequence the next {@link #append} will get. */
    public long nextSequence() {
        return lastSequence + 1;
    }

    /** The last sequence known to be on stable storage. */
    public long durableSequence() {
        return commit.durable();
    }

    private void checkPayload(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > options.maxRecordBytes()) {
            throw new IllegalArgumentException("record payload of " + payload.length
                    + " bytes exceeds the limit of " + options.maxRecordBytes());
        }
    }

    private long writeLocked(long epoch, long sequence, byte type, byte[] payload) throws IOException {
        if (closed) {
            throw new IllegalStateException("the write-ahead log is closed");
        }
        commit.ensureHealthy();
        if (epoch < lastEpoch) {
            throw new IllegalArgumentException("epoch " + epoch + " is older than the log's last epoch " + lastEpoch);
        }
        int length = RecordFormat.encodedLength(payload.length, options.keys().encrypts());
        if (active.size() + length > options.segmentBytes() && !active.isEmpty()) {
            roll();
        }
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocate(Math.max(length, buffer.capacity() * 2));
        }
        buffer.clear();
        RecordFormat.encode(buffer, epoch, sequence, type, payload, gcm, active.dataKey());
        long offset = active.size();
        try {
            active.write(buffer.array(), buffer.position(), offset);
        } catch (IOException e) {
            // A partial record may be on disk; recovery cuts it, but this process must not append after it.
            commit.fail(e);
            throw e;
        }
        active.appended(sequence, epoch, offset, offset + buffer.position());
        nextSequence = sequence + 1;
        lastEpoch = epoch;
        appendedRecords++;
        appendedBytes += buffer.position();
        lastSequence = sequence;
        return sequence;
    }

    /**
     * Starts a new segment. The finished one is fsynced first, whatever the policy: then a
     * crash can tear only the last segment, which is what lets recovery tell a torn tail
     * from damage.
     */
    private void roll() throws IOException {
        try {
            active.sync();
            Segment next = Segment.create(directory, nextSequence, lastEpoch, options.keys());
            segments.add(next);
            active = next;
        } catch (IOException e) {
            commit.fail(e);
            throw e;
        }
    }

    /** The group commit's flush: fsync the active segment (older ones were synced when they rolled). */
    private long flushWritten() throws IOException {
        Segment target;
        long covered;
        lock.lock();
        try {
            if (closed) {
                return lastSequence;
            }
            target = active;
            covered = lastSequence;
        } finally {
            lock.unlock();
        }
        target.sync();
        return covered;
    }

    /**
     * Runs a change that moves the end of the log (truncation, reset) with no flush in progress
     * and no append running.
     */
    <T> T exclusively(GroupCommit.Exclusive<T> action) throws IOException {
        return commit.exclusive(() -> {
            lock.lock();
            try {
                if (closed) {
                    throw new IllegalStateException("the write-ahead log is closed");
                }
                return action.run();
            } finally {
                lock.unlock();
            }
        });
    }

    /**
     * After a truncation or reset, inside {@link #exclusively}: appends continue after
     * {@code last} in {@code segment}; readers opened before are invalid.
     */
    void resetTail(Segment segment, long last, long epoch) {
        active = segment;
        nextSequence = last + 1;
        lastEpoch = epoch;
        lastSequence = last;
        generation++;
        commit.truncated(last);
    }

    /** Incremented by every truncation or reset; readers opened before it are invalid. */
    long generation() {
        return generation;
    }

    WalMetrics metrics() {
        return new WalMetrics(appendedRecords, appendedBytes, commit.syncs(), commit.syncNanos(),
                lastSequence, commit.durable(), segments.snapshot().size());
    }

    /**
     * Syncs everything written (unless the log already failed) and closes every segment file.
     * The sync happens under the lock that stops writes, so nothing written is left unsynced.
     */
    void close() throws IOException {
        commit.exclusive(() -> {
            lock.lock();
            try {
                return closeLocked();
            } finally {
                lock.unlock();
            }
        });
    }

    private Void closeLocked() throws IOException {
        if (closed) {
            return null;
        }
        closed = true;
        IOException failure = null;
        if (commit.healthy()) {
            try {
                active.sync();
                commit.setDurable(lastSequence);
            } catch (IOException e) {
                commit.fail(e);
                failure = e;
            }
        }
        for (Segment s : segments.snapshot()) {
            try {
                s.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return null;
    }
}
