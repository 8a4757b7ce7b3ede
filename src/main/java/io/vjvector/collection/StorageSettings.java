package io.vjvector.collection;

import io.vjvector.engine.storage.WalOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a standalone node keeps its collections on disk.
 *
 * @param root                   the data directory (layout in the README, "Durability")
 * @param wal                    write-ahead log settings: fsync policy, segment size, encryption keys
 *                               (checkpoints are sealed with the same keys)
 * @param checkpointLogBytes     a shard is checkpointed once this many log bytes were written since
 *                               its last checkpoint (bounds replay at start)
 * @param checkpointInterval     ... or once this long has passed with any write since its last one
 * @param checkpointOnClose      checkpoint shards with unsaved log records at shutdown, so the next
 *                               start replays nothing
 */
public record StorageSettings(Path root, WalOptions wal, long checkpointLogBytes, Duration checkpointInterval,
                              boolean checkpointOnClose) {

    public StorageSettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(wal, "wal");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (checkpointLogBytes < 1) {
            throw new IllegalArgumentException("checkpoint log bytes must be positive, got " + checkpointLogBytes);
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("checkpoint interval must be positive, got " + checkpointInterval);
        }
    }

    /** Defaults: fsync every write, checkpoint after 64 MiB of log or 5 minutes, and at shutdown. */
    public static StorageSettings defaults(Path root) {
        return new StorageSettings(root, WalOptions.defaults(), 64L << 20, Duration.ofMinutes(5), true);
    }
}
