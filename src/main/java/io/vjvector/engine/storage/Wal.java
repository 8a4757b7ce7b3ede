package io.vjvector.engine.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One shard's write-ahead log: a directory of append-only segment files holding records
 * numbered by consecutive sequences, each tagged with the leader epoch that wrote it. The log is
 * both the durability mechanism (replay after a restart) and the replication stream (followers
 * read from a sequence). Formats in docs/storage-format.md.
 *
 * <p>Typical use by a shard:
 * <pre>{@code
 * Wal wal = Wal.open(dir, options);                 // recovery: torn tail cut, damage refused
 * try (WalReader r = wal.reader(checkpointSequence + 1)) {
 *     for (WalRecord rec; (rec = r.next()) != null; ) apply(rec);
 * }
 * long seq = wal.writer().append(epoch, type, bytes);   // durable per FsyncPolicy
 * wal.truncateBefore(newCheckpointSequence + 1);         // after a checkpoint
 * }</pre>
 */
public final class Wal implements AutoCloseable {

    private final Path directory;
    private final WalRecovery recovery;
    private final SegmentList segments;
    private final WalWriter writer;
    private final PeriodicSync periodicSync;

    private Wal(Path directory, WalOptions options, RecoveryScan.Result recovered) throws IOException {
        this.directory = directory;
        this.recovery = recovered.recovery();
        this.segments = new SegmentList(recovered.segments());
        this.writer = new WalWriter(directory, options, segments);
        this.periodicSync = options.fsyncPolicy() == FsyncPolicy.INTERVAL
                ? new PeriodicSync("vjvector-wal-fsync " + directory, options.fsyncInterval(),
                        () -> writer.commit().awaitDurable(writer.lastSequence()))
                : null;
    }

    /**
     * Opens (creating if needed) the log in {@code directory} and recovers it: every segment is
     * verified; an incomplete or damaged end of the last segment with nothing valid after it is
     * cut off and reported in {@link #recovery()}.
     *
     * @throws WalCorruptedException if damage is found anywhere else (names file and offset)
     * @throws StorageKeyException   if a segment's encryption key is missing or wrong
     */
    public static Wal open(Path directory, WalOptions options) throws IOException {
        return new Wal(directory, options, RecoveryScan.run(directory, options.keys()));
    }

    /** What opening found: a counter source for metrics (torn tails, records). */
    public WalRecovery recovery() {
        return recovery;
    }

    /** The single writer of this log. */
    public WalWriter writer() {
        return writer;
    }

    /**
     * A reader positioned at {@code fromSequence}.
     *
     * @param fromSequence between {@link #firstSequence()} and {@link #lastSequence()} + 1
     * @throws IllegalArgumentException if the sequence was removed by a checkpoint or not written yet
     */
    public WalReader reader(long fromSequence) {
        long first = firstSequence();
        long last = lastSequence();
        if (fromSequence < first) {
            throw new IllegalArgumentException("sequence " + fromSequence + " is no longer in the log;"
                    + " it starts at " + first + " (a follower this far behind needs a snapshot)");
        }
        if (fromSequence > last + 1) {
            throw new IllegalArgumentException("sequence " + fromSequence + " is beyond the end of the log ("
                    + last + ")");
        }
        return new WalReader(segments, writer, fromSequence);
    }

    /** First sequence still in the log ({@code lastSequence() + 1} when empty). */
    public long firstSequence() {
        return segments.first().firstSequence();
    }

    /** Last sequence written, 0 for a new log. */
    public long lastSequence() {
        return writer.lastSequence();
    }

    /**
     * Deletes whole segments whose records are all below {@code sequence}, typically the last
     * checkpointed sequence + 1. The segment being appended to is never deleted, so some records
     * below {@code sequence} may remain; readers must skip what their checkpoint covers.
     *
     * @return segments deleted
     */
    public int truncateBefore(long sequence) throws IOException {
        return writer.truncateBefore(sequence);
    }

    /**
     * Removes every record after {@code sequence}, durably, for epoch-based truncation by a
     * rejoining follower. Appends continue at {@code sequence + 1}; open readers become invalid.
     *
     * @throws IllegalArgumentException if {@code sequence} is below {@code firstSequence() - 1}
     */
    public void truncateAfter(long sequence) throws IOException {
        writer.truncateAfter(sequence);
    }

    /**
     * Empties the log so that the next append gets {@code nextSequence}: after installing a
     * snapshot that covers everything before it. Not atomic: after a crash during the reset the
     * log may hold an older prefix; callers detect it ({@code lastSequence()} below their
     * snapshot) and reset again.
     */
    public void resetTo(long nextSequence) throws IOException {
        writer.resetTo(nextSequence);
    }

    /** Current counters: appends, bytes, fsyncs and their total time, positions, segments. */
    public WalMetrics metrics() {
        return writer.metrics();
    }

    public Path directory() {
        return directory;
    }

    /** Stops the periodic fsync, syncs what was written (any policy) and closes the files. */
    @Override
    public void close() throws IOException {
        if (periodicSync != null) {
            periodicSync.close();
        }
        writer.close();
    }
}
