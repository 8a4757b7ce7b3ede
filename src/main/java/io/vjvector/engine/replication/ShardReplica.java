package io.vjvector.engine.replication;

import io.vjvector.engine.shard.DurableShard;
import io.vjvector.engine.shard.Shard;
import io.vjvector.engine.shard.ShardSpec;
import io.vjvector.engine.shard.WriteAcknowledgement;
import io.vjvector.engine.shard.WriteRefusedException;
import io.vjvector.engine.storage.Sealer;
import io.vjvector.engine.storage.WalOptions;
import io.vjvector.engine.storage.WalRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * One copy of a replicated shard on this node: the durable shard and its leader-epoch history.
 * It leads ({@link #lead}) or follows ({@link #follow}) as the cluster's leadership decides; opened,
 * it refuses client writes until told which. A replica that rejoins a leader first truncates its
 * log where it diverged ({@link #truncateToLeader}).
 *
 * <p>After {@link #truncateToLeader} removes records the durable shard is reopened: callers take
 * {@link #durable()} and {@link #shard()} afresh rather than keeping them.
 */
public final class ShardReplica implements AutoCloseable {

    /** Records per read when digesting the log. */
    private static final int DIGEST_BATCH = 1024;

    private final Path directory;
    private final ShardSpec spec;
    private final WalOptions options;
    private final EpochHistoryFile historyFile;
    private volatile DurableShard durable;
    private volatile LeaderEpochHistory history;

    private ShardReplica(Path directory, ShardSpec spec, WalOptions options, EpochHistoryFile historyFile,
                         DurableShard durable, LeaderEpochHistory history) {
        this.directory = directory;
        this.spec = spec;
        this.options = options;
        this.historyFile = historyFile;
        this.durable = durable;
        this.history = history;
    }

    /**
     * Opens (creating if needed) the replica in {@code directory}: first finishes a
     * {@link ShardTransfer} a crash interrupted, then opens the durable shard (checkpoint plus
     * log) and its epoch history, reconciled with the log after a crash (epochs past the
     * log's end are dropped; epochs in the log the history lacks, as in a shard written before it
     * was replicated, are added). Client writes are refused until {@link #lead}.
     */
    public static ShardReplica open(Path directory, ShardSpec spec, WalOptions options) throws IOException {
        ShardTransfer.finishInterrupted(directory);
        DurableShard durable = DurableShard.open(directory, spec, options);
        try {
            EpochHistoryFile file = new EpochHistoryFile(directory, new Sealer(options.keys()));
            LeaderEpochHistory stored = file.read();
            LeaderEpochHistory history = reconcile(stored, durable);
            if (!history.equals(stored) || !file.exists()) {
                file.write(history);
            }
            ShardReplica replica = new ShardReplica(directory, spec, options, file, durable, history);
            replica.stopWrites("this copy neither leads nor follows yet");
            return replica;
        } catch (IOException | RuntimeException | Error e) {
            durable.close();
            throw e;
        }
    }

    private static LeaderEpochHistory reconcile(LeaderEpochHistory stored, DurableShard durable) throws IOException {
        long last = durable.lastSequence();
        // An entry at last + 1 is a leader's epoch that has written nothing yet: still true.
        LeaderEpochHistory history = stored.truncatedAfter(last + 1);
        if (last == 0 || durable.lastEpoch() <= history.latestEpoch() && !history.entries().isEmpty()) {
            return history;
        }
        for (long next = durable.logStart(); next <= last; ) {
            List<WalRecord> records = durable.readLog(next, DIGEST_BATCH, Long.MAX_VALUE);
            for (WalRecord r : records) {
                if (r.epoch() > history.latestEpoch()) {
                    history = history.withEpochStart(r.epoch(), r.sequence());
                }
                next = r.sequence() + 1;
            }
        }
        return history;
    }

    /** The durable shard; replaced when {@link #truncateToLeader} removes records. */
    public DurableShard durable() {
        return durable;
    }

    /** The in-memory shard (searches, and writes while leading). */
    public Shard shard() {
        return durable.shard();
    }

    /** The current epoch history. */
    public LeaderEpochHistory history() {
        return history;
    }

    /** Last sequence in the log. */
    public long lastSequence() {
        return durable.lastSequence();
    }

    /** The epoch of the last record in the log ({@link EpochEnd#UNKNOWN} for an empty log). */
    public long lastEpoch() {
        return history.epochAt(durable.lastSequence());
    }

    /**
     * This replica's answer to a rejoining replica asking where {@code epoch} ends (see
     * {@link LeaderEpochHistory#endSequenceFor}).
     */
    public EpochEnd endSequenceFor(long epoch) {
        return history.endSequenceFor(epoch, durable.lastSequence());
    }

    /**
     * Becomes the shard's leader for {@code epoch}: the epoch is recorded in the history (starting
     * at the next sequence) before any write, client writes are logged with it and acknowledged
     * once every in-sync follower has them durably.
     *
     * @param epoch            the leader key's create revision; not older than any epoch seen
     * @param inSyncFollowers  the shard's in-sync set without this node, as committed in etcd
     * @param minInSync        fewest in-sync copies (this one included) for a write to be admitted
     *                         and acknowledged (Qdrant's write_consistency_factor)
     * @param ackTimeout       how long a write waits for the in-sync followers before its client
     *                         gets a 503
     * @throws IllegalArgumentException if {@code epoch} is older than the highest epoch seen, or
     *                                  {@code minInSync} is below 1
     */
    public ReplicationLeader lead(long epoch, Collection<String> inSyncFollowers, int minInSync, Duration ackTimeout)
            throws IOException {
        if (minInSync < 1) {
            throw new IllegalArgumentException("minInSync must be at least 1, got " + minInSync);
        }
        return lead(epoch, inSyncFollowers, () -> minInSync, ackTimeout);
    }

    /**
     * {@link #lead(long, Collection, int, Duration)} with the fewest in-sync copies asked of
     * {@code minInSync} at every admission and acknowledgement decision, so that a changed
     * write_consistency_factor applies to the next write without a new leadership. Called under
     * the leader's lock: it must be quick and take no lock; values below 1 count as 1.
     */
    public synchronized ReplicationLeader lead(long epoch, Collection<String> inSyncFollowers, IntSupplier minInSync,
                                               Duration ackTimeout) throws IOException {
        if (epoch < history.highestEpochSeen() || epoch < history.latestEpoch()) {
            throw new IllegalArgumentException("cannot lead with epoch " + epoch + ": epoch "
                    + Math.max(history.highestEpochSeen(), history.latestEpoch()) + " was already seen");
        }
        replaceHistory(history.truncatedAfter(durable.lastSequence()).withEpochStart(epoch, durable.lastSequence() + 1)
                .withSeen(epoch));
        ReplicationLeader leader = new ReplicationLeader(this, epoch, durable.lastSequence() + 1, inSyncFollowers,
                minInSync, ackTimeout);
        durable.writeAs(epoch, leader);
        durable.limitCheckpoints(leader::highWaterMark);
        return leader;
    }

    /**
     * Becomes a follower: client writes are refused (they go to the leader) and the log grows
     * only by {@link ReplicationFollower#apply}.
     */
    public ReplicationFollower follow() {
        return follow(name -> false);
    }

    /**
     * {@link #follow()}, refusing batches that carry a value of a vector name
     * {@code pendingVector} says this copy must not take yet (see
     * {@link DurableShard#applyReplicated(List, java.util.function.Predicate)}).
     */
    public synchronized ReplicationFollower follow(java.util.function.Predicate<String> pendingVector) {
        ReplicationFollower follower = new ReplicationFollower(this, durable.checkpointSequence(), pendingVector);
        stopWrites("this copy follows the shard's leader; send writes to the leader");
        durable.limitCheckpoints(follower::highWaterMark);
        return follower;
    }

    /** Refuses client writes with {@code reason} (a leader stepping down, a follower). */
    synchronized void stopWrites(String reason) {
        durable.writeAs(durable.lastEpoch(), new WriteAcknowledgement() {
            @Override
            public void admit() {
                throw new WriteRefusedException(reason, false);
            }

            @Override
            public void await(long sequence) {
                throw new WriteRefusedException(reason, true);
            }
        });
        long covered = durable.checkpointSequence();
        durable.limitCheckpoints(() -> covered);
    }

    /**
     * Notes a leader's epoch from a message: false when it is older than the highest seen (the
     * message must be refused); a newer one is persisted before this returns, so the fence
     * survives a restart.
     */
    synchronized boolean observeEpoch(long epoch) throws IOException {
        if (epoch < history.highestEpochSeen()) {
            return false;
        }
        if (epoch > history.highestEpochSeen()) {
            replaceHistory(history.withSeen(epoch));
        }
        return true;
    }

    /** Persists {@code next} as the history. */
    synchronized void replaceHistory(LeaderEpochHistory next) throws IOException {
        if (!next.equals(history)) {
            historyFile.write(next);
            history = next;
        }
    }

    /**
     * Truncates this replica's log where it diverged from the leader's, by leader epoch (never by
     * a high-water mark, which may be stale): asks the leader where the epoch of its last record
     * ends; if the leader never had that epoch, cuts to the end of the leader's older epoch and
     * asks again. Records up to the divergence are identical on both (one leader wrote each
     * epoch). Then removes the rest from the log and the history and reopens the shard from its
     * checkpoint and log. Call before following a new leader, with writes stopped.
     *
     * @return the divergence point; {@code needsSnapshot} (and nothing changed) when it lies below
     *         the checkpoint or the leader knows none of this replica's epochs
     */
    public synchronized TruncationResult truncateToLeader(LeaderEpochQuery leader) throws IOException {
        TruncationResult divergence = divergence(leader);
        if (divergence.needsSnapshot() || divergence.removed() == 0) {
            return divergence;
        }
        long last = divergence.divergence();
        durable.close();
        DurableShard.truncateLog(directory, options, last);
        replaceHistory(history.truncatedAfter(last));
        durable = DurableShard.open(directory, spec, options);
        stopWrites("this copy is rejoining the shard's leader");
        return divergence;
    }

    /**
     * Where this replica's log diverged from the leader's (see {@link #truncateToLeader}), without
     * changing anything: for a caller that truncates the log itself while the shard is closed
     * ({@link #truncateClosed}).
     */
    public synchronized TruncationResult divergence(LeaderEpochQuery leader) throws IOException {
        LeaderEpochHistory h = history;
        long original = durable.lastSequence();
        long last = original;
        while (last > 0) {
            long mine = h.epochAt(last);
            EpochEnd answer = leader.endSequenceFor(mine);
            if (!answer.known() || mine == EpochEnd.UNKNOWN) {
                return new TruncationResult(last, 0, true);
            }
            if (answer.epoch() > mine) {
                throw new IllegalStateException("the leader answered epoch " + answer.epoch() + " when asked about "
                        + mine);
            }
            long target = Math.min(last, answer.endSequence());
            if (answer.epoch() == mine) {
                last = target;
                break;
            }
            // The leader never had our newest epoch: what we hold of its older epoch is the most we share.
            EpochEnd ours = h.endSequenceFor(answer.epoch(), last);
            long oursEnd = ours.known() ? ours.endSequence() : h.entries().get(0).firstSequence() - 1;
            last = Math.max(0, Math.min(target, oursEnd));
            h = h.truncatedAfter(last);
        }
        if (last == original) {
            return new TruncationResult(last, 0, false);
        }
        if (last < durable.checkpointSequence()) {
            return new TruncationResult(last, 0, true);
        }
        return new TruncationResult(last, original - last, false);
    }

    /**
     * Removes every record after {@code last} from the closed replica in {@code directory}, log
     * and epoch history alike (the result of {@link #divergence}); the next {@link #open} loads
     * what is left.
     */
    public static void truncateClosed(Path directory, WalOptions options, long last) throws IOException {
        DurableShard.truncateLog(directory, options, last);
        EpochHistoryFile file = new EpochHistoryFile(directory, new Sealer(options.keys()));
        file.write(file.read().truncatedAfter(last));
    }

    /**
     * A digest of the records {@code fromSequence..toSequence} over their plaintext: for each,
     * epoch, sequence (longs), type (byte), payload length (int) and payload, big-endian, into
     * SHA-256. Two replicas agree on a range when their digests are equal.
     *
     * @throws IllegalArgumentException if the range is not in the log (removed by a checkpoint,
     *                                  or not written yet)
     */
    public ReplicaDigest digest(long fromSequence, long toSequence) throws IOException {
        MessageDigest sha = sha256();
        ByteBuffer head = ByteBuffer.allocate(8 + 8 + 1 + 4);
        long lastEpoch = EpochEnd.UNKNOWN;
        long next = fromSequence;
        while (next <= toSequence) {
            List<WalRecord> records = durable.readLog(next, DIGEST_BATCH, 8L << 20);
            if (records.isEmpty()) {
                throw new IllegalArgumentException("the log ends at " + durable.lastSequence() + ", before "
                        + toSequence);
            }
            for (WalRecord r : records) {
                if (r.sequence() > toSequence) {
                    break;
                }
                head.clear();
                head.putLong(r.epoch()).putLong(r.sequence()).put(r.type()).putInt(r.payload().length);
                sha.update(head.array());
                sha.update(r.payload());
                lastEpoch = r.epoch();
                next = r.sequence() + 1;
            }
        }
        return new ReplicaDigest(fromSequence, toSequence, lastEpoch, HexFormat.of().formatHex(sha.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Syncs and closes the shard. */
    @Override
    public void close() throws IOException {
        durable.close();
    }
}
