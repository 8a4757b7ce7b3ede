package io.vjvector.engine.shard;

import io.vjvector.engine.storage.WalRecovery;
import java.nio.file.Path;

/**
 * What opening a durable shard found, for start-up logs and metrics.
 *
 * @param directory          the shard's directory
 * @param checkpoint         the checkpoint loaded, or null when the shard started from its log alone
 * @param checkpointSequence last sequence the checkpoint covers (0 without one)
 * @param replayedRecords    log records applied after the checkpoint
 * @param lastSequence       sequence of the last operation now applied
 * @param wal                what recovering the log found (torn tail cut off, segments)
 * @param loadNanos          time to load the checkpoint and replay the log
 */
public record ShardRecovery(Path directory, Path checkpoint, long checkpointSequence, long replayedRecords,
                            long lastSequence, WalRecovery wal, long loadNanos) {
}
