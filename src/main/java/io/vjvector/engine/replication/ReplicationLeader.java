package io.vjvector.engine.replication;

import io.vjvector.engine.shard.DurableShard;
import io.vjvector.engine.shard.WriteAcknowledgement;
import io.vjvector.engine.shard.WriteRefusedException;
import io.vjvector.engine.storage.WalRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The leader side of one replicated shard for one epoch, as in Kafka's ISR: reads its log for
 * shipping, tracks how far each follower has acknowledged, keeps the high-water mark (the last
 * sequence every in-sync copy has durably) and holds each client write until every in-sync copy
 * has it.
 *
 * <p>Who is in sync is the cluster's decision, committed in etcd before it is applied here:
 * {@link #removeInSync} only after the guarded transaction that removes the follower committed
 * (then writes stop waiting for it), {@link #addInSync} after the one that adds it (offered by
 * the caught-up callback). That order is what puts every acknowledged write on every copy that
 * may become the next leader.
 */
public final class ReplicationLeader implements WriteAcknowledgement {

    private final ShardReplica replica;
    private final long epoch;
    private final long epochStart;
    /** Fewest in-sync copies (this one included) a write needs, asked at every decision: it may change. */
    private final IntSupplier minInSync;
    private final Duration ackTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock.
    private final Map<String, Member> members = new LinkedHashMap<>();
    private long highWaterMark;
    private String stopped;
    private volatile Consumer<String> caughtUpListener = member -> { };

    /** What the leader knows of one follower. */
    private static final class Member {
        boolean inSync;
        /** Last durable sequence acknowledged, -1 until the first acknowledgement. */
        long acked = -1;
        /** When the follower last had everything the leader had (Kafka's last caught-up time). */
        long caughtUpNanos = System.nanoTime();
        long leaderEndAtLastAck = Long.MAX_VALUE;
        long lastAckNanos;
        boolean offered;
    }

    /** A follower's replication state, for lag metrics and the cluster's in-sync decisions. */
    public record FollowerState(String member, boolean inSync, long ackedSequence, long caughtUpNanos) {
    }

    ReplicationLeader(ShardReplica replica, long epoch, long epochStart, Collection<String> inSync,
                      IntSupplier minInSync, Duration ackTimeout) {
        this.replica = replica;
        this.epoch = epoch;
        this.epochStart = epochStart;
        this.minInSync = minInSync;
        this.ackTimeout = ackTimeout;
        // Everything the previous checkpoint covers was committed before it was taken.
        this.highWaterMark = replica.durable().checkpointSequence();
        for (String m : inSync) {
            members.computeIfAbsent(m, k -> new Member()).inSync = true;
        }
    }

    /** This leader's epoch. */
    public long epoch() {
        return epoch;
    }

    /** The first sequence written in this epoch. */
    public long epochStart() {
        return epochStart;
    }

    /**
     * Called (outside any lock) when a follower that is not in sync has caught up: it has every
     * record up to the high-water mark and everything before this epoch. The cluster may then add
     * it to the in-sync set in etcd and call {@link #addInSync}.
     */
    public void onCaughtUp(Consumer<String> listener) {
        this.caughtUpListener = listener;
    }

    /**
     * Up to {@code maxRecords} records (and about {@code maxBytes} of payload) from
     * {@code fromSequence} on, with this leader's epoch and high-water mark: the next batch for a
     * follower whose log ends at {@code fromSequence - 1}. Empty (a heartbeat) when it is current.
     *
     * @throws SnapshotRequiredException if a checkpoint removed {@code fromSequence} from the log
     * @throws IllegalArgumentException  if {@code fromSequence} is beyond the log's end + 1
     * @throws IllegalStateException     if this leader stepped down
     */
    public ReplicationBatch read(long fromSequence, int maxRecords, long maxBytes)
            throws IOException, SnapshotRequiredException {
        String reason = stoppedReason();
        if (reason != null) {
            throw new IllegalStateException("leader of epoch " + epoch + " stepped down: " + reason);
        }
        DurableShard durable = replica.durable();
        long hwm = highWaterMark();
        long start = durable.logStart();
        if (fromSequence < start) {
            throw new SnapshotRequiredException(fromSequence, start);
        }
        List<WalRecord> records;
        try {
            records = durable.readLog(fromSequence, maxRecords, maxBytes);
        } catch (IllegalArgumentException e) {
            if (fromSequence < durable.logStart()) {
                throw new SnapshotRequiredException(fromSequence, durable.logStart());
            }
            throw e;
        }
        long prevEpoch = replica.history().epochAt(fromSequence - 1);
        return new ReplicationBatch(epoch, fromSequence - 1, prevEpoch, hwm, records);
    }

    /** The first sequence still in the leader's log (earlier ones only in its checkpoint). */
    public long logStart() {
        return replica.durable().logStart();
    }

    /** The leader's last sequence. */
    public long lastSequence() {
        return replica.durable().lastSequence();
    }

    /** Where {@code epoch} ends in this leader's log: the answer a rejoining replica truncates by. */
    public EpochEnd endSequenceFor(long otherEpoch) {
        return replica.endSequenceFor(otherEpoch);
    }

    /** Starts tracking a follower that is not in sync (a new or rejoining copy catching up). */
    public void track(String member) {
        lock.lock();
        try {
            members.computeIfAbsent(member, k -> new Member());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records that {@code member} has every record up to {@code durableSequence} durably (from
     * an {@link ApplyResult#applied()} answer), advancing the high-water mark and releasing
     * writes that waited for it. Unknown members are ignored (removed meanwhile).
     */
    public void acknowledge(String member, long durableSequence) {
        boolean offer = false;
        lock.lock();
        try {
            Member m = members.get(member);
            if (m == null) {
                return;
            }
            long now = System.nanoTime();
            long leaderEnd = replica.durable().lastSequence();
            m.acked = durableSequence;
            if (durableSequence >= leaderEnd) {
                m.caughtUpNanos = now;
            } else if (durableSequence >= m.leaderEndAtLastAck) {
                // It has all the leader had at its previous acknowledgement: caught up as of then.
                m.caughtUpNanos = Math.max(m.caughtUpNanos, m.lastAckNanos);
            }
            m.leaderEndAtLastAck = leaderEnd;
            m.lastAckNanos = now;
            advance();
            if (!m.inSync && !m.offered && caughtUp(m)) {
                m.offered = true;
                offer = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (offer) {
            caughtUpListener.accept(member);
        }
    }

    /**
     * Whether {@code member}, not in sync, has every record up to the high-water mark and every
     * record before this epoch: what {@link #addInSync} requires. For a cluster that retries after
     * a failed etcd transaction (the caught-up callback fires once per offer).
     */
    public boolean isCaughtUp(String member) {
        lock.lock();
        try {
            Member m = members.get(member);
            return m != null && !m.inSync && caughtUp(m);
        } finally {
            lock.unlock();
        }
    }

    private boolean caughtUp(Member m) {
        return m.acked >= Math.max(highWaterMark, epochStart - 1);
    }

    /**
     * Adds {@code member} to the in-sync set, after the cluster committed that in etcd: from now on
     * writes wait for it too.
     *
     * @throws IllegalStateException if it has not acknowledged up to the high-water mark and every
     *                               record before this epoch (it would break "every in-sync copy
     *                               has every acknowledged record")
     */
    public void addInSync(String member) {
        lock.lock();
        try {
            Member m = members.computeIfAbsent(member, k -> new Member());
            long needed = Math.max(highWaterMark, epochStart - 1);
            if (!caughtUp(m)) {
                m.offered = false;
                throw new IllegalStateException("follower " + member + " has acknowledged up to " + m.acked
                        + ", below " + needed + " (the high-water mark, and every record before epoch " + epoch
                        + "); it cannot be in sync yet");
            }
            m.inSync = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes {@code member} from the in-sync set, after the cluster committed that in etcd:
     * writes stop waiting for it. It stays tracked and can catch up again.
     */
    public void removeInSync(String member) {
        lock.lock();
        try {
            Member m = members.get(member);
            if (m != null) {
                m.inSync = false;
                m.offered = false;
            }
            advance();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops tracking {@code member} altogether (removed from the shard's replicas). */
    public void untrack(String member) {
        lock.lock();
        try {
            members.remove(member);
            advance();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The in-sync followers (this leader not included). */
    public Set<String> inSync() {
        lock.lock();
        try {
            Set<String> out = new TreeSet<>();
            members.forEach((name, m) -> {
                if (m.inSync) {
                    out.add(name);
                }
            });
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Every tracked follower's state. */
    public List<FollowerState> followers() {
        lock.lock();
        try {
            List<FollowerState> out = new ArrayList<>();
            members.forEach((name, m) -> out.add(new FollowerState(name, m.inSync, m.acked, m.caughtUpNanos)));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * In-sync followers that have not been caught up for longer than {@code maxLag} (Kafka's
     * replica.lag.time.max): candidates the cluster removes from the in-sync set.
     */
    public Set<String> lagging(Duration maxLag) {
        long now = System.nanoTime();
        lock.lock();
        try {
            Set<String> out = new TreeSet<>();
            members.forEach((name, m) -> {
                if (m.inSync && now - m.caughtUpNanos > maxLag.toNanos()) {
                    out.add(name);
                }
            });
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The high-water mark: the last sequence this leader and every in-sync follower have durably.
     * Never decreases.
     */
    public long highWaterMark() {
        lock.lock();
        try {
            advance();
            return highWaterMark;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once every current in-sync follower has acknowledged {@code sequence} (which must be
     * durable here already: the write returned from the log). The acknowledgement point of a
     * write.
     *
     * @throws WriteRefusedException if this leader stepped down, fewer than {@code minInSync}
     *                               copies are in sync, or {@code timeout} passed first (names
     *                               the followers that had not acknowledged)
     */
    public void awaitReplicated(long sequence, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            // The record is in the log now: wake the feeds waiting for one (awaitRecordsAfter).
            changed.signalAll();
            while (true) {
                if (stopped != null) {
                    throw new WriteRefusedException("the shard's leader of epoch " + epoch + " stepped down (" + stopped
                            + ") before write " + sequence + " was acknowledged by its in-sync copies; its outcome"
                            + " is unknown", true);
                }
                checkEnoughInSync(true);
                List<String> missing = missing(sequence);
                if (missing.isEmpty()) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new WriteRefusedException("write " + sequence + " was not acknowledged by in-sync copies "
                            + missing + " within " + timeout.toMillis() + " ms; its outcome is unknown", true);
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteRefusedException("interrupted while waiting for write " + sequence + " to replicate", true);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the log holds a record after {@code afterSequence}, this leader steps down, or
     * {@code maxWait} passes: how a feed whose follower is current waits for the next write
     * instead of polling, sending a heartbeat when the wait ends empty. A write wakes the waiting
     * feeds once its record is durable here ({@link #awaitReplicated}).
     */
    public void awaitRecordsAfter(long afterSequence, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            while (stopped == null && replica.durable().lastSequence() <= afterSequence) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every in-sync follower has acknowledged the last record of this leader's log,
     * this leader steps down, or {@code timeout} passes: the last step of a leadership handover,
     * taken once new writes are refused, so that the copy taking over misses nothing this one
     * wrote (and this one has nothing to truncate when it follows). Re-reads the log's end while
     * waiting: a write admitted just before the refusal may still be recorded.
     *
     * @return whether every in-sync follower had the whole log in time
     */
    public boolean awaitInSyncCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (stopped == null) {
                if (missing(replica.durable().lastSequence()).isEmpty()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // Acknowledgements signal; a record written meanwhile may not, hence the short wait.
                changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops leading: writes waiting for acknowledgement fail (outcome unknown), new ones and
     * {@link #read} are refused. For a leader whose lease expired, that lost its key, or that a
     * follower told of a newer epoch.
     */
    public void stepDown(String reason) {
        lock.lock();
        try {
            if (stopped == null) {
                stopped = reason;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        replica.stopWrites("this copy stopped leading the shard (" + reason + "); send writes to the new leader");
    }

    /** Why this leader stepped down, or null while it leads. */
    public String stoppedReason() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses a write before it is recorded when this copy cannot acknowledge it. */
    @Override
    public void admit() {
        lock.lock();
        try {
            if (stopped != null) {
                throw new WriteRefusedException("this copy stopped leading the shard (" + stopped
                        + "); the write was not applied, send it to the new leader", false);
            }
            checkEnoughInSync(false);
        } finally {
            lock.unlock();
        }
    }

    /** Holds an admitted write until every in-sync copy has it ({@link #awaitReplicated}). */
    @Override
    public void await(long sequence) {
        awaitReplicated(sequence, ackTimeout);
    }

    private void checkEnoughInSync(boolean recorded) {
        long copies = 1 + members.values().stream().filter(m -> m.inSync).count();
        int needed = Math.max(1, minInSync.getAsInt());
        if (copies < needed) {
            throw new WriteRefusedException("only " + copies + " copies of the shard are in sync; the collection's"
                    + " write_consistency_factor needs " + needed
                    + (recorded ? " (the write is recorded on the leader; its outcome is unknown)"
                    : "; the write was not applied, retry it once enough copies are back"), recorded);
        }
    }

    private List<String> missing(long sequence) {
        List<String> out = new ArrayList<>();
        members.forEach((name, m) -> {
            if (m.inSync && m.acked < sequence) {
                out.add(name);
            }
        });
        return out;
    }

    /** Raises the high-water mark to what this leader and every in-sync follower have. */
    private void advance() {
        long min = replica.durable().durableSequence();
        for (Member m : members.values()) {
            if (m.inSync) {
                min = Math.min(min, m.acked);
            }
        }
        highWaterMark = Math.max(highWaterMark, min);
    }
}
