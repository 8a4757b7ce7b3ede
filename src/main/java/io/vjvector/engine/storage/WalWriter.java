package io.vjvector.engine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
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
    private long lastEpoch;
    private boolean closed;
    // Written under lock, read without it.
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
        awaitDurable(record.sequence());
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

    /** See {@link Wal#truncateBefore}. */
    int truncateBefore(long sequence) throws IOException {
        return commit.exclusive(() -> locked(() -> {
            List<Segment> list = segments.snapshot();
            int whole = 0;
            while (whole < list.size() - 1 && list.get(whole + 1).firstSequence() <= sequence) {
                whole++;
            }
            if (whole > 0) {
                segments.replace(list.subList(whole, list.size()));
                // Oldest first: a crash part-way leaves a shorter log that is still contiguous.
                for (Segment s : list.subList(0, whole)) {
                    delete(s);
                }
                AtomicFile.syncDirectory(directory);
            }
            return whole;
        }));
    }

    /** See {@link Wal#truncateAfter}. */
    void truncateAfter(long sequence) throws IOException {
        commit.exclusive(() -> locked(() -> {
            List<Segment> list = segments.snapshot();
            long first = list.get(0).firstSequence();
            if (sequence < first - 1) {
                throw new IllegalArgumentException("cannot truncate after " + sequence
                        + ": the log starts at " + first + " (earlier records were removed by a checkpoint)");
            }
            if (sequence >= lastSequence) {
                return null;
            }
            int keep = SegmentList.indexOf(list, sequence + 1);
            // Newest first: a crash part-way leaves a shorter log that is still contiguous.
            for (int i = list.size() - 1; i > keep; i--) {
                delete(list.get(i));
            }
            Segment segment = list.get(keep);
            Cut cut = locate(segment, sequence + 1, keep > 0 ? list.get(keep - 1).lastEpoch() : 0);
            segment.truncateFile(cut.offset());
            segment.resetEnd(cut.offset(), sequence, cut.epochBefore());
            AtomicFile.syncDirectory(directory);
            segments.replace(list.subList(0, keep + 1));
            resetTail(segment, sequence, cut.epochBefore());
            return null;
        }));
    }

    /** Where a truncation cuts a segment, and the epoch of the last record kept. */
    private record Cut(long offset, long epochBefore) {
    }

    private static Cut locate(Segment segment, long target, long epochBeforeSegment) throws IOException {
        if (target == segment.firstSequence()) {
            return new Cut(segment.headerLength(), epochBeforeSegment);
        }
        OffsetIndex.Position start = segment.startFor(target - 1);
        try (FileChannel channel = segment.openForReading()) {
            RecordCursor cursor = new RecordCursor(channel, start.offset(), segment.size());
            long epoch = epochBeforeSegment;
            for (long expected = start.sequence(); expected < target; expected++) {
                if (cursor.next() != RecordCursor.Status.RECORD || cursor.sequence() != expected) {
                    throw new WalCorruptedException(segment.path(), cursor.offset(),
                            "cannot locate sequence " + target + ": " + cursor.problem());
                }
                epoch = cursor.epoch();
            }
            return new Cut(cursor.offset(), epoch);
        }
    }

    /** See {@link Wal#resetTo}. */
    void resetTo(long next) throws IOException {
        if (next < 1) {
            throw new IllegalArgumentException("sequences start at 1, got " + next);
        }
        commit.exclusive(() -> locked(() -> {
            List<Segment> list = segments.snapshot();
            for (int i = list.size() - 1; i >= 0; i--) {
                delete(list.get(i));
            }
            Segment fresh = Segment.create(directory, next, 0, options.keys());
            segments.replace(List.of(fresh));
            resetTail(fresh, next - 1, 0);
            return null;
        }));
    }

    /** After a truncation or reset: appends continue after {@code last}; open readers are invalid. */
    private void resetTail(Segment segment, long last, long epoch) {
        active = segment;
        nextSequence = last + 1;
        lastEpoch = epoch;
        lastSequence = last;
        generation++;
        commit.truncated(last);
    }

    private void delete(Segment segment) throws IOException {
        segment.close();
        Files.deleteIfExists(segment.path());
    }

    private <T> T locked(GroupCommit.Exclusive<T> action) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the write-ahead log is closed");
            }
            return action.run();
        } finally {
            lock.unlock();
        }
    }

    /** Incremented by every truncation or reset; readers opened before it are invalid. */
    long generation() {
        return generation;
    }

    GroupCommit commit() {
        return commit;
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
