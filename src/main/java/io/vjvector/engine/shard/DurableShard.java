package io.vjvector.engine.shard;

import io.vjvector.engine.index.VectorStorage;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.storage.AtomicFile;
import io.vjvector.engine.storage.CorruptedStorageException;
import io.vjvector.engine.storage.DirectoryTree;
import io.vjvector.engine.storage.FsyncPolicy;
import io.vjvector.engine.storage.Sealer;
import io.vjvector.engine.storage.Wal;
import io.vjvector.engine.storage.WalMetrics;
import io.vjvector.engine.storage.WalOptions;
import io.vjvector.engine.storage.WalReader;
import io.vjvector.engine.storage.WalRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A shard kept on disk: a write-ahead log ({@code wal/}) that every write is recorded in before
 * it is applied, and periodic checkpoints ({@code checkpoints/<sequence>.checkpoint}) of the
 * whole shard, graph included, so that a restart loads the newest checkpoint and replays only
 * the log after it.
 *
 * <p>A checkpoint is captured in a short pause of the shard's writes (see {@link Shard#capture()})
 * and written without it, to a temporary name, fsynced and renamed; only then are older
 * checkpoints and the log segments it covers deleted, so a crash at any point leaves a
 * checkpoint and a log that together hold every acknowledged write.
 *
 * <p>The vectors of {@code on_disk} fields are mapped from files in {@code vectors/}: scratch
 * copies that each open deletes and writes anew from the checkpoint and the log, never read back
 * (see {@link VectorStorage}).
 */
public final class DurableShard implements AutoCloseable {

    static final String WAL_DIRECTORY = "wal";
    static final String CHECKPOINT_DIRECTORY = "checkpoints";
    static final String CHECKPOINT_SUFFIX = ".checkpoint";
    static final String VECTORS_DIRECTORY = "vectors";
    private static final int NAME_DIGITS = 20;
    private static final System.Logger LOG = System.getLogger(DurableShard.class.getName());

    private final Path directory;
    private final Path checkpoints;
    private final Wal wal;
    private final boolean syncsEveryWrite;
    private final Sealer sealer;
    private final WalOperationLog log;
    private final Shard shard;
    private final ShardRecovery recovery;
    private final Object checkpointLock = new Object();
    // Guarded by checkpointLock.
    private long checkpointSequence;
    private long logBytesAtCheckpoint;
    private long unsavedReplayedBytes;
    private volatile long lastCheckpointNanos = System.nanoTime();
    private volatile LongSupplier checkpointLimit = () -> Long.MAX_VALUE;
    private final LogHolds logHolds = new LogHolds();

    private DurableShard(Path directory, Wal wal, boolean syncsEveryWrite, Sealer sealer, WalOperationLog log,
                         Shard shard, ShardRecovery recovery, long replayedBytes) {
        this.directory = directory;
        this.checkpoints = directory.resolve(CHECKPOINT_DIRECTORY);
        this.wal = wal;
        this.syncsEveryWrite = syncsEveryWrite;
        this.sealer = sealer;
        this.log = log;
        this.shard = shard;
        this.recovery = recovery;
        this.checkpointSequence = recovery.checkpointSequence();
        this.unsavedReplayedBytes = replayedBytes;
    }

    /**
     * Opens (creating if needed) the shard in {@code directory}: recovers the log (a torn tail is
     * cut off and reported in {@link #recovery()}), loads the newest checkpoint and replays the
     * log after it.
     *
     * @throws CorruptedStorageException if the log or the checkpoint is damaged (names file and offset)
     * @throws io.vjvector.engine.storage.StorageKeyException if data is encrypted under a key
     *         that is not configured (names the key id)
     * @throws IOException if the files cannot be read, or a checkpoint is not readable by this version
     */
    public static DurableShard open(Path directory, ShardSpec spec, WalOptions options) throws IOException {
        long start = System.nanoTime();
        Path checkpoints = directory.resolve(CHECKPOINT_DIRECTORY);
        Files.createDirectories(checkpoints);
        AtomicFile.removeLeftovers(checkpoints);
        Path vectorFiles = directory.resolve(VECTORS_DIRECTORY);
        if (options.keys().encrypts()) {
            // Mapped files would hold the vectors in plaintext: with encryption at rest, on-disk
            // fields stay in direct buffers, and files an unencrypted run left are removed.
            DirectoryTree.delete(vectorFiles);
        } else {
            spec = spec.withStorage(VectorStorage.files(vectorFiles));
        }
        Sealer sealer = new Sealer(options.keys());
        Wal wal = Wal.open(directory.resolve(WAL_DIRECTORY), options);
        try {
            WalOperationLog log = new WalOperationLog(wal, wal.recovery().lastEpoch());
            Path newest = newestCheckpoint(checkpoints);
            Shard shard;
            long covered = 0;
            if (newest != null) {
                ShardCheckpoint.Loaded loaded;
                try (InputStream in = sealer.openFile(newest)) {
                    loaded = ShardCheckpoint.read(in, newest.toString(), spec, log);
                }
                if (loaded.sequence() != sequenceOf(newest)) {
                    throw new CorruptedStorageException(newest.toString(), 0, "holds sequence " + loaded.sequence()
                            + " but its name says " + sequenceOf(newest));
                }
                shard = loaded.shard();
                covered = loaded.sequence();
            } else {
                shard = spec.create(log);
            }
            alignLog(wal, covered, newest);
            long[] replayed = replay(wal, shard, covered + 1);
            ShardRecovery recovery = new ShardRecovery(directory, newest, covered, replayed[0], shard.appliedSequence(),
                    wal.recovery(), System.nanoTime() - start);
            return new DurableShard(directory, wal, options.fsyncPolicy() == FsyncPolicy.ALWAYS, sealer, log, shard,
                    recovery, replayed[1]);
        } catch (IOException | RuntimeException | Error e) {
            wal.close();
            throw e;
        }
    }

    /**
     * Creates a shard in the empty {@code directory} from a shard already read from a checkpoint
     * (with {@link OperationLog#none()}), which is discarded afterwards: its checkpoint is written
     * into the directory under the configured encryption key, and the log continues after it.
     *
     * @throws IllegalStateException if {@code directory} already holds a shard
     */
    public static DurableShard restore(Path directory, Shard loaded, ShardSpec spec, WalOptions options)
            throws IOException {
        requireEmpty(directory);
        Path checkpoints = Files.createDirectories(directory.resolve(CHECKPOINT_DIRECTORY));
        ShardImage image = loaded.capture();
        new Sealer(options.keys()).writeFile(checkpoints.resolve(checkpointName(image.sequence())),
                out -> ShardCheckpoint.write(image, out));
        // Opening finds the log (created empty) behind the checkpoint and starts it after it.
        return open(directory, spec, options);
    }

    private static void requireEmpty(Path directory) {
        if (Files.exists(directory.resolve(WAL_DIRECTORY)) || Files.exists(directory.resolve(CHECKPOINT_DIRECTORY))) {
            throw new IllegalStateException(directory + " already holds a shard");
        }
    }

    /** Makes the log continue where the checkpoint ends, or refuses a log with a hole after it. */
    private static void alignLog(Wal wal, long covered, Path checkpoint) throws IOException {
        long first = wal.firstSequence();
        long last = wal.lastSequence();
        if (first > covered + 1) {
            throw new CorruptedStorageException(wal.directory().toString(), 0, "the log starts at sequence " + first
                    + " but " + (checkpoint == null ? "there is no checkpoint" : "checkpoint " + checkpoint
                    + " ends at " + covered) + ": sequences " + (covered + 1) + ".." + (first - 1) + " are missing");
        }
        if (last < covered) {
            // The checkpoint is durable but the end of the log was not (fsync interval/never, or a
            // restore): new records must follow the checkpoint, not reuse its sequences.
            LOG.log(System.Logger.Level.INFO, "WAL {0} ends at {1}, behind checkpoint {2}; restarting it at {3}",
                    wal.directory(), last, covered, covered + 1);
            wal.resetTo(covered + 1);
        }
    }

    /** Applies the log from {@code from}; returns records and bytes replayed. */
    private static long[] replay(Wal wal, Shard shard, long from) throws IOException {
        long records = 0;
        long bytes = 0;
        try (WalReader reader = wal.reader(from)) {
            for (WalRecord r; (r = reader.next()) != null; ) {
                try {
                    shard.replay(r.sequence(), r.type(), r.payload());
                } catch (IllegalArgumentException e) {
                    throw new CorruptedStorageException(wal.directory().toString(), 0, "record " + r.sequence()
                            + " is not a valid operation: " + e.getMessage());
                }
                records++;
                bytes += r.payload().length;
            }
        }
        return new long[] {records, bytes};
    }

    /** The shard; valid until {@link #close()}. */
    public Shard shard() {
        return shard;
    }

    /** What opening found. */
    public ShardRecovery recovery() {
        return recovery;
    }

    /** Counters of the shard's log: appends, bytes, fsyncs and their time, durable position. */
    public WalMetrics walMetrics() {
        return wal.metrics();
    }

    /** Log bytes written (or replayed at open) since the last checkpoint: what a restart would replay. */
    public long logBytesSinceCheckpoint() {
        synchronized (checkpointLock) {
            return unsavedReplayedBytes + log.bytesWritten() - logBytesAtCheckpoint;
        }
    }

    /** {@link System#nanoTime()} of the last checkpoint (or of opening). */
    public long lastCheckpointNanos() {
        return lastCheckpointNanos;
    }

    /**
     * Writes a checkpoint of the shard's current state, then deletes older checkpoints and the log
     * segments it covers. Does nothing (returns null) when nothing was applied since the last one.
     * Writes to the shard pause only while it is captured.
     */
    public CheckpointResult checkpoint() throws IOException {
        return checkpoint(false);
    }

    /**
     * {@link #checkpoint()}, but with {@code force} also when nothing was applied since the last
     * one: after a {@link Shard#rebuild} the state is smaller though its sequence is the same, and
     * the new checkpoint replaces the old one of that sequence atomically (a crash leaves either).
     */
    public CheckpointResult checkpoint(boolean force) throws IOException {
        synchronized (checkpointLock) {
            long bytesBefore = log.bytesWritten();
            long t0 = System.nanoTime();
            ShardImage image = shard.capture();
            long t1 = System.nanoTime();
            if (image.sequence() > checkpointLimit.getAsLong()) {
                // A replicated copy may still lose records above the high-water mark to a
                // truncation by epoch; a checkpoint holding them could not be taken back.
                return null;
            }
            lastCheckpointNanos = t1;
            if (image.sequence() == checkpointSequence && !force) {
                return null;
            }
            Path file = checkpoints.resolve(checkpointName(image.sequence()));
            sealer.writeFile(file, out -> ShardCheckpoint.write(image, out));
            long t2 = System.nanoTime();
            deleteCheckpointsBefore(image.sequence());
            int removed = wal.truncateBefore(Math.min(image.sequence() + 1, logHolds.earliest()));
            checkpointSequence = image.sequence();
            logBytesAtCheckpoint = bytesBefore;
            unsavedReplayedBytes = 0;
            return new CheckpointResult(file, image.sequence(), Files.size(file), image.pointCount(), t1 - t0, t2 - t1,
                    removed);
        }
    }

    /**
     * Rebuilds the shard over {@code fresh} (see {@link Shard#rebuild}), then writes a checkpoint
     * of the rebuilt state so that a restart loads it rather than the old one.
     *
     * <p>Crash safety: the log holds operations by point id, so whatever ordinals a state uses,
     * the newest checkpoint plus the log after it holds every acknowledged write. A crash before
     * the swap, or after it but before the checkpoint is renamed into place, restarts from the old
     * checkpoint and replays the log (the old, larger state comes back and is rebuilt again
     * later); a crash after the rename restarts from the rebuilt state.
     *
     * @return what the rebuild did, or null if another rebuild of this shard is running
     * @throws IOException if the checkpoint cannot be written (the rebuilt state is serving; the
     *                     log still holds every write)
     */
    public RebuildResult rebuild(Map<String, VectorFieldSpec> target, VectorKernels kernels) throws IOException {
        RebuildResult result = shard.rebuild(target, kernels);
        if (result != null) {
            checkpoint(true);
        }
        return result;
    }

    /**
     * Writes a consistent sealed checkpoint of the shard to {@code out} and closes it (a snapshot);
     * {@link #restore} reads it back. Does not change what is kept on disk.
     *
     * @return the last log sequence the checkpoint covers
     */
    public long writeCheckpoint(OutputStream out) throws IOException {
        ShardImage image = shard.capture();
        try (OutputStream sealed = sealer.seal(out)) {
            ShardCheckpoint.write(image, sealed);
        }
        return image.sequence();
    }

    /**
     * Writes from now on are logged with leader epoch {@code epoch} and acknowledged as
     * {@code acknowledgement} says: how a replicated copy becomes its shard's leader (waiting for
     * its in-sync copies) or a follower (refusing writes). A standalone shard writes with the
     * epoch its log ended with and {@link WriteAcknowledgement#LOCAL}.
     *
     * @throws IllegalArgumentException if {@code epoch} is older than the log's last record
     */
    public void writeAs(long epoch, WriteAcknowledgement acknowledgement) {
        log.writeAs(epoch, acknowledgement);
    }

    /**
     * Keeps the log from {@code fromSequence} on until the hold is closed or {@code ttl} passes:
     * checkpoints meanwhile still happen but delete no log segment the hold needs. For a leader
     * whose checkpoint a copy is installing, and which the copy then continues from the log.
     */
    public LogHold holdLog(long fromSequence, Duration ttl) {
        return logHolds.hold(fromSequence, ttl);
    }

    /**
     * Checkpoints from now on cover at most the sequence {@code atMost} returns, and are skipped
     * while the shard has applied more: a replicated copy passes its high-water mark, below which
     * no record is ever truncated.
     */
    public void limitCheckpoints(LongSupplier atMost) {
        checkpointLimit = atMost;
    }

    /**
     * A follower's write path: appends records copied from the leader (their epochs and
     * sequences kept), applies each to the shard exactly as recovery replays them, and makes the
     * whole batch durable with one wait (one fsync under {@link FsyncPolicy#ALWAYS}). Client
     * writes must be refused meanwhile (see {@link #writeAs}).
     *
     * <p>Every record is decoded before anything is written, so an invalid one refuses the batch
     * whole. If writing, applying or syncing fails, the log and memory may differ: the shard is
     * marked failed and must be reopened.
     *
     * @param records consecutive sequences starting at {@link #lastSequence()} + 1
     * @return the last sequence now durable as the log's policy promises
     * @throws IllegalArgumentException if the records do not continue the log or one is not a
     *                                  valid operation (nothing was written)
     */
    public long applyReplicated(List<WalRecord> records) throws IOException {
        return applyReplicated(records, name -> false);
    }

    /**
     * {@link #applyReplicated(List)}, refusing the batch whole (nothing written) when a record
     * carries a value of a vector name {@code pendingVector} says this copy must not take yet: a
     * name the collection's settings define but this copy has not applied (or applied with an
     * older definition). Applied now, the value would be dropped or stored in the wrong field; the
     * leader sends the batch again once the copy has caught up with the settings.
     *
     * @throws io.vjvector.error.VJVectorException UNAVAILABLE naming the pending vector
     */
    public long applyReplicated(List<WalRecord> records, Predicate<String> pendingVector) throws IOException {
        if (records.isEmpty()) {
            return durableSequence();
        }
        long expected = wal.lastSequence() + 1;
        List<OperationCodec.Logged> decoded = new ArrayList<>(records.size());
        long bytes = 0;
        for (WalRecord r : records) {
            if (r.sequence() != expected++) {
                throw new IllegalArgumentException("replicated record " + r.sequence() + " where " + (expected - 1)
                        + " was expected");
            }
            try {
                decoded.add(OperationCodec.decode(r.type(), r.payload()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("replicated record " + r.sequence() + " is not a valid operation: "
                        + e.getMessage(), e);
            }
            bytes += r.payload().length;
        }
        for (String name : vectorNames(decoded)) {
            if (pendingVector.test(name)) {
                throw io.vjvector.error.VJVectorException.unavailable("this copy has not yet applied vector `" + name
                        + "` of the collection's settings; the batch is refused until it has");
            }
        }
        try {
            for (int i = 0; i < records.size(); i++) {
                WalRecord r = records.get(i);
                wal.writer().writeReplicated(r);
                shard.replay(r.sequence(), decoded.get(i));
            }
            long last = records.get(records.size() - 1).sequence();
            wal.writer().awaitDurable(last);
            log.countReplicated(bytes);
            return last;
        } catch (IOException | RuntimeException | Error e) {
            throw shard.fail("applying records replicated from the leader", e);
        }
    }

    /** Every vector name a value is given for in {@code operations}. */
    private static Set<String> vectorNames(List<OperationCodec.Logged> operations) {
        Set<String> names = new HashSet<>();
        for (OperationCodec.Logged logged : operations) {
            if (logged.operation() instanceof ShardOperation.Upsert u) {
                u.points().forEach(p -> names.addAll(p.vectors().keySet()));
            } else if (logged.operation() instanceof ShardOperation.UpdateVectors u) {
                u.points().forEach(p -> names.addAll(p.vectors().keySet()));
            }
        }
        return names;
    }

    /**
     * Up to {@code maxRecords} records from {@code fromSequence} on, stopping before the one that
     * would pass {@code maxBytes} of payload (at least one is returned when any is there): what
     * a leader ships to a follower. May include records not yet durable here.
     *
     * @throws IllegalArgumentException if {@code fromSequence} is below {@link #logStart()} (a
     *                                  checkpoint removed it: the follower needs a snapshot) or
     *                                  beyond {@link #lastSequence()} + 1
     */
    public List<WalRecord> readLog(long fromSequence, int maxRecords, long maxBytes) throws IOException {
        List<WalRecord> out = new ArrayList<>();
        long bytes = 0;
        try (WalReader reader = wal.reader(fromSequence)) {
            for (WalRecord r; out.size() < maxRecords && (r = reader.next()) != null; ) {
                bytes += r.payload().length;
                if (bytes > maxBytes && !out.isEmpty()) {
                    break;
                }
                out.add(r);
            }
        } catch (IllegalStateException removedOrTruncatedMeanwhile) {
            throw new IllegalArgumentException(removedOrTruncatedMeanwhile.getMessage(), removedOrTruncatedMeanwhile);
        }
        return out;
    }

    /** First sequence still in the log (older ones are covered by the checkpoint). */
    public long logStart() {
        return wal.firstSequence();
    }

    /** Last sequence in the log, 0 for a new shard. */
    public long lastSequence() {
        return wal.lastSequence();
    }

    /** Epoch of the log's last record (0 for an empty log). */
    public long lastEpoch() {
        return wal.writer().lastEpoch();
    }

    /** Last sequence as durable as the log's fsync policy promises. */
    public long durableSequence() {
        return syncsEveryWrite ? wal.writer().durableSequence() : wal.lastSequence();
    }

    /** Last sequence the newest checkpoint on disk covers (0 without one). */
    public long checkpointSequence() {
        synchronized (checkpointLock) {
            return checkpointSequence;
        }
    }

    /** The shard's directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Removes every log record after {@code sequence} from the closed shard in {@code directory}:
     * a replica truncating by leader epoch before it reopens the shard. Refused below the newest
     * checkpoint, whose state already holds the records (the copy needs a snapshot then).
     *
     * @throws IllegalStateException if {@code sequence} is below the newest checkpoint
     */
    public static void truncateLog(Path directory, WalOptions options, long sequence) throws IOException {
        Path checkpointDir = directory.resolve(CHECKPOINT_DIRECTORY);
        Path newest = Files.isDirectory(checkpointDir) ? newestCheckpoint(checkpointDir) : null;
        long covered = newest == null ? 0 : sequenceOf(newest);
        if (sequence < covered) {
            throw new IllegalStateException("cannot truncate the log of " + directory + " after " + sequence
                    + ": checkpoint " + newest + " already covers " + covered);
        }
        try (Wal w = Wal.open(directory.resolve(WAL_DIRECTORY), options)) {
            if (sequence < w.lastSequence()) {
                w.truncateAfter(sequence);
            }
        }
    }

    private void deleteCheckpointsBefore(long sequence) throws IOException {
        boolean deleted = false;
        for (Path file : checkpointFiles(checkpoints)) {
            if (sequenceOf(file) < sequence) {
                Files.delete(file);
                deleted = true;
            }
        }
        if (deleted) {
            AtomicFile.syncDirectory(checkpoints);
        }
    }

    /** Syncs and closes the log; the shard must not be used afterwards. */
    @Override
    public void close() throws IOException {
        wal.close();
    }

    /**
     * Where a checkpoint covering {@code sequence} lives in the shard directory {@code directory}:
     * for a copy installed from another node's checkpoint (the file's name must state its
     * sequence, {@link #open} checks it).
     */
    public static Path checkpointFile(Path directory, long sequence) {
        return directory.resolve(CHECKPOINT_DIRECTORY).resolve(checkpointName(sequence));
    }

    static String checkpointName(long sequence) {
        return String.format("%0" + NAME_DIGITS + "d", sequence) + CHECKPOINT_SUFFIX;
    }

    /** The sequence a checkpoint file name announces, or -1 if it is not a checkpoint name. */
    static long sequenceOf(Path file) {
        String name = file.getFileName().toString();
        if (name.length() != NAME_DIGITS + CHECKPOINT_SUFFIX.length() || !name.endsWith(CHECKPOINT_SUFFIX)) {
            return -1;
        }
        for (int i = 0; i < NAME_DIGITS; i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(name.substring(0, NAME_DIGITS));
    }

    private static List<Path> checkpointFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + CHECKPOINT_SUFFIX)) {
            for (Path file : stream) {
                if (sequenceOf(file) >= 0) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    private static Path newestCheckpoint(Path directory) throws IOException {
        Path newest = null;
        for (Path file : checkpointFiles(directory)) {
            if (newest == null || sequenceOf(file) > sequenceOf(newest)) {
                newest = file;
            }
        }
        return newest;
    }
}
