package io.vjvector.engine.replication;

import io.vjvector.engine.shard.DurableShard;
import io.vjvector.engine.shard.LogHold;
import io.vjvector.engine.storage.AtomicFile;
import io.vjvector.engine.storage.CorruptedStorageException;
import io.vjvector.engine.storage.DirectoryTree;
import io.vjvector.engine.storage.Sealer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Re-creates a shard copy from its leader's: how a follower that fell behind the leader's log
 * start, or that would have to truncate below its own checkpoint, catches up. The leader streams
 * a consistent sealed checkpoint of its shard and its epoch history up to it ({@link #write}); the
 * follower stages both next to its copy ({@link #receive}), then, with the copy closed, swaps the
 * staged directory in ({@link #swapIn}) and follows the leader's log from the checkpoint on.
 *
 * <p>The checkpoint travels as the leader sealed it: every data node of a cluster has the same
 * encryption keys, so the follower stores the bytes unchanged. The stream, version 1:
 * <pre>
 * int magic "VJST", int version
 * chunks of the sealed checkpoint: int length (1..{@value #MAX_CHUNK}), bytes; int 0 ends them
 * long last sequence the checkpoint covers
 * long highest epoch seen, int n, n * (long epoch, long first sequence)   -- the epoch history
 * 32 bytes SHA-256 of the chunk bytes
 * int end magic "VJSE"
 * </pre>
 * A stream cut anywhere fails the digest or the end marker, and nothing is installed.
 *
 * <p>Crash safety of the swap: the staged copy is complete (fsynced, marker file written) before
 * the swap starts; the swap is two renames ({@code <n>} to {@code <n>.replaced}, then
 * {@code <n>.incoming} to {@code <n>}). {@link #finishInterrupted}, run before a copy is opened,
 * completes or undoes a swap a crash cut short, so a copy is always either the old one or the new
 * one, never a mix.
 */
public final class ShardTransfer {

    private static final int MAGIC = 0x564A5354;
    private static final int END = 0x564A5345;
    private static final int VERSION = 1;
    /** Chunks are written at most this long; a larger announced length is a forged or broken stream. */
    static final int MAX_CHUNK = 1 << 20;
    private static final int MAX_EPOCHS = 1 << 20;
    private static final String INCOMING = ".incoming";
    private static final String REPLACED = ".replaced";
    /** Written last into a staged copy: its presence says the copy is whole. */
    private static final String COMPLETE = "transfer-complete";

    /** What {@link #receive} staged. */
    public record Staged(long sequence, LeaderEpochHistory history, long checkpointBytes) {
    }

    /**
     * How long a leader keeps the log after a checkpoint it streamed: the time the copy has to
     * install it and catch up before the leader's next checkpoints may delete what it needs (the
     * bound on the log an abandoned transfer keeps).
     */
    static final Duration LOG_HOLD = Duration.ofMinutes(10);

    private ShardTransfer() {
    }

    /**
     * Streams a consistent checkpoint of {@code replica}'s shard, with its epoch history up to the
     * checkpoint's sequence, to {@code out} (flushed, not closed). The shard keeps taking writes
     * meanwhile: only the capture pauses them.
     *
     * @return the last sequence the checkpoint covers
     */
    public static long write(ShardReplica replica, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        MessageDigest sha = sha256();
        OutputStream chunks = new BufferedOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int done = 0; done < len; ) {
                    int n = Math.min(MAX_CHUNK, len - done);
                    data.writeInt(n);
                    data.write(b, off + done, n);
                    sha.update(b, off + done, n);
                    done += n;
                }
            }
        }, 1 << 16) {
            @Override
            public void close() throws IOException {
                // The sealer closes what it writes to; the transfer stream goes on after the checkpoint.
                flush();
            }
        };
        // The copy continues from the log right after the checkpoint: keep that part through the
        // leader's own checkpoints until the copy has had time to install it and catch up. Held
        // from the current log start first, since the capture's sequence is not known yet.
        LogHold hold = replica.durable().holdLog(replica.durable().logStart(), LOG_HOLD);
        long sequence;
        try {
            sequence = replica.durable().writeCheckpoint(chunks);
        } catch (IOException | RuntimeException e) {
            hold.close();
            throw e;
        }
        hold.moveTo(sequence + 1);
        data.writeInt(0);
        // Epochs starting after the checkpoint are the log tail's, which the follower receives by replication.
        LeaderEpochHistory history = replica.history().truncatedAfter(sequence);
        data.writeLong(sequence);
        data.writeLong(history.highestEpochSeen());
        data.writeInt(history.entries().size());
        for (EpochEntry e : history.entries()) {
            data.writeLong(e.epoch());
            data.writeLong(e.firstSequence());
        }
        data.write(sha.digest());
        data.writeInt(END);
        data.flush();
        return sequence;
    }

    /**
     * Reads a transfer from {@code in} into a staged copy beside {@code shardDirectory} (replacing
     * any earlier staged one); the copy itself is untouched and may keep serving meanwhile. The
     * epoch history is sealed with {@code sealer} (this node's keys).
     *
     * @throws CorruptedStorageException if the stream is cut, forged or of another version
     *                                   (nothing is staged then)
     */
    public static Staged receive(Path shardDirectory, Sealer sealer, InputStream in) throws IOException {
        Path staging = sibling(shardDirectory, INCOMING);
        if (Files.exists(staging)) {
            DirectoryTree.delete(staging);
        }
        try {
            Path temp = Files.createDirectories(DurableShard.checkpointFile(staging, 0).getParent())
                    .resolve("incoming" + AtomicFile.TEMP_SUFFIX);
            DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
            if (data.readInt() != MAGIC) {
                throw corrupt(staging, "not a shard transfer (bad magic)");
            }
            int version = data.readInt();
            if (version != VERSION) {
                throw corrupt(staging, "shard transfer version " + version + " is not supported (this build reads "
                        + VERSION + ")");
            }
            MessageDigest sha = sha256();
            long bytes = copyChunks(data, temp, sha, staging);
            long sequence = data.readLong();
            long highest = data.readLong();
            int n = data.readInt();
            if (sequence < 0 || n < 0 || n > MAX_EPOCHS) {
                throw corrupt(staging, "sequence " + sequence + ", " + n + " epochs");
            }
            List<EpochEntry> entries = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                entries.add(new EpochEntry(data.readLong(), data.readLong()));
            }
            byte[] digest = new byte[32];
            data.readFully(digest);
            if (!Arrays.equals(digest, sha.digest())) {
                throw corrupt(staging, "the checkpoint's digest does not match (damaged in transfer)");
            }
            if (data.readInt() != END) {
                throw corrupt(staging, "missing end marker");
            }
            LeaderEpochHistory history = new LeaderEpochHistory(entries, highest);
            Path checkpoint = DurableShard.checkpointFile(staging, sequence);
            Files.move(temp, checkpoint, StandardCopyOption.ATOMIC_MOVE);
            AtomicFile.syncDirectory(checkpoint.getParent());
            new EpochHistoryFile(staging, sealer).write(history);
            AtomicFile.write(staging.resolve(COMPLETE), out -> out.write(Long.toString(sequence).getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII)));
            AtomicFile.syncDirectory(staging.toAbsolutePath().getParent());
            return new Staged(sequence, history, bytes);
        } catch (EOFException | IllegalArgumentException e) {
            deleteQuietly(staging);
            throw corrupt(staging, "the transfer is cut short or malformed: " + e.getMessage());
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(staging);
            throw e;
        }
    }

    private static long copyChunks(DataInputStream data, Path temp, MessageDigest sha, Path staging)
            throws IOException {
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int length; (length = data.readInt()) != 0; ) {
                if (length < 0 || length > MAX_CHUNK) {
                    throw corrupt(staging, "chunk of " + length + " bytes");
                }
                for (int left = length; left > 0; ) {
                    int n = data.read(buffer, 0, Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new EOFException("the checkpoint ends inside a chunk");
                    }
                    sha.update(buffer, 0, n);
                    ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                    left -= n;
                }
                total += length;
            }
            channel.force(true);
        }
        return total;
    }

    /**
     * Replaces the closed copy in {@code shardDirectory} by the one {@link #receive} staged beside
     * it; the next {@link ShardReplica#open} loads the checkpoint and continues the log after it.
     *
     * @throws IllegalStateException if no complete staged copy is there
     */
    public static void swapIn(Path shardDirectory) throws IOException {
        Path staging = sibling(shardDirectory, INCOMING);
        if (!Files.exists(staging.resolve(COMPLETE))) {
            throw new IllegalStateException("no complete staged copy beside " + shardDirectory);
        }
        Path replaced = sibling(shardDirectory, REPLACED);
        if (Files.exists(replaced)) {
            DirectoryTree.delete(replaced);
        }
        Path parent = shardDirectory.toAbsolutePath().getParent();
        if (Files.exists(shardDirectory)) {
            Files.move(shardDirectory, replaced, StandardCopyOption.ATOMIC_MOVE);
            AtomicFile.syncDirectory(parent);
        }
        Files.move(staging, shardDirectory, StandardCopyOption.ATOMIC_MOVE);
        AtomicFile.syncDirectory(parent);
        tidy(shardDirectory);
    }

    /**
     * Completes or undoes a swap that a crash interrupted, and removes a staged copy that was
     * never swapped in: afterwards {@code shardDirectory} holds the old copy or the new one.
     * Cheap when there is nothing to do; call before opening a copy.
     */
    public static void finishInterrupted(Path shardDirectory) throws IOException {
        Path staging = sibling(shardDirectory, INCOMING);
        Path replaced = sibling(shardDirectory, REPLACED);
        if (!Files.exists(shardDirectory)) {
            Path parent = shardDirectory.toAbsolutePath().getParent();
            if (Files.exists(staging.resolve(COMPLETE))) {
                // Crashed between the two renames: the new copy was whole, finish the swap.
                Files.move(staging, shardDirectory, StandardCopyOption.ATOMIC_MOVE);
                AtomicFile.syncDirectory(parent);
            } else if (Files.exists(replaced)) {
                Files.move(replaced, shardDirectory, StandardCopyOption.ATOMIC_MOVE);
                AtomicFile.syncDirectory(parent);
            }
        }
        deleteQuietly(staging);
        if (Files.exists(shardDirectory)) {
            tidy(shardDirectory);
        }
    }

    private static void tidy(Path shardDirectory) throws IOException {
        Files.deleteIfExists(shardDirectory.resolve(COMPLETE));
        deleteQuietly(sibling(shardDirectory, REPLACED));
    }

    private static Path sibling(Path shardDirectory, String suffix) {
        return shardDirectory.resolveSibling(shardDirectory.getFileName() + suffix);
    }

    private static void deleteQuietly(Path dir) throws IOException {
        if (Files.exists(dir)) {
            DirectoryTree.delete(dir);
        }
    }

    private static CorruptedStorageException corrupt(Path staging, String reason) {
        return new CorruptedStorageException(staging.toString(), 0, reason);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
