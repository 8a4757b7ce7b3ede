package io.vjvector.engine.replication;

import io.vjvector.engine.storage.CorruptedStorageException;
import io.vjvector.engine.storage.Sealer;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores a {@link LeaderEpochHistory} in the shard's directory as a small sealed file (checksums,
 * and encryption under the shard's key when it is encrypted, like checkpoints), replaced
 * atomically on every change. Changes are rare: once per leader change.
 *
 * <pre>
 * int magic "VJEH", int version 1
 * long highest epoch seen
 * int n, n * (long epoch, long first sequence)
 * int end magic "VJEE"
 * </pre>
 */
public final class EpochHistoryFile {

    /** File name in the shard's directory. */
    public static final String NAME = "leader-epochs";
    private static final int MAGIC = 0x564A4548;
    private static final int END = 0x564A4545;
    private static final int VERSION = 1;
    /** Far more than any real history: one entry per leader change of one shard. */
    private static final int MAX_ENTRIES = 1 << 20;

    private final Path file;
    private final Sealer sealer;

    /**
     * @param shardDirectory the shard's directory (the file is {@link #NAME} in it)
     * @param sealer         seals with the shard's encryption keys
     */
    public EpochHistoryFile(Path shardDirectory, Sealer sealer) {
        this.file = shardDirectory.resolve(NAME);
        this.sealer = sealer;
    }

    public Path path() {
        return file;
    }

    /** Whether the file exists (a shard created before replication has none). */
    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * Reads the history; {@link LeaderEpochHistory#empty()} when there is no file.
     *
     * @throws CorruptedStorageException if the file is damaged or not a history this version reads
     */
    public LeaderEpochHistory read() throws IOException {
        if (!exists()) {
            return LeaderEpochHistory.empty();
        }
        try (InputStream in = sealer.openFile(file)) {
            DataInputStream data = new DataInputStream(in);
            if (data.readInt() != MAGIC) {
                throw corrupt("not a leader epoch history (bad magic)");
            }
            int version = data.readInt();
            if (version != VERSION) {
                throw corrupt("leader epoch history version " + version + " is not supported (this build reads "
                        + VERSION + ")");
            }
            long highest = data.readLong();
            int n = data.readInt();
            if (n < 0 || n > MAX_ENTRIES) {
                throw corrupt(n + " epoch entries");
            }
            List<EpochEntry> entries = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                entries.add(new EpochEntry(data.readLong(), data.readLong()));
            }
            if (data.readInt() != END) {
                throw corrupt("missing end marker");
            }
            if (data.read() >= 0) {
                throw corrupt("data after the end marker");
            }
            return new LeaderEpochHistory(entries, highest);
        } catch (IllegalArgumentException | java.io.EOFException e) {
            throw corrupt(e.getMessage());
        }
    }

    /** Replaces the file with {@code history}, atomically and durably. */
    public void write(LeaderEpochHistory history) throws IOException {
        sealer.writeFile(file, out -> {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
            data.writeInt(MAGIC);
            data.writeInt(VERSION);
            data.writeLong(history.highestEpochSeen());
            data.writeInt(history.entries().size());
            for (EpochEntry e : history.entries()) {
                data.writeLong(e.epoch());
                data.writeLong(e.firstSequence());
            }
            data.writeInt(END);
            data.flush();
        });
    }

    private CorruptedStorageException corrupt(String reason) {
        return new CorruptedStorageException(file.toString(), 0, reason);
    }
}
