package io.vjvector.collection;

import io.vjvector.engine.shard.CheckpointResult;
import io.vjvector.engine.shard.RebuildResult;
import io.vjvector.engine.shard.ShardRecovery;

/**
 * What the storage of a local collection service reports, for metrics and logs. Called on the
 * thread that did the work; implementations must be quick and must not throw.
 */
public interface StorageEvents {

    /** Reports nothing. */
    StorageEvents NONE = new StorageEvents() {
    };

    /** A shard was opened: checkpoint loaded, log replayed, torn tail (if any) cut off. */
    default void shardOpened(String collection, int shard, ShardRecovery recovery) {
    }

    /** A collection could not be loaded; it answers 503 until the problem is fixed and the node restarted. */
    default void collectionFailed(String collection, Throwable cause) {
    }

    /** A checkpoint was written. */
    default void checkpointWritten(String collection, int shard, CheckpointResult result) {
    }

    /** A checkpoint could not be written (the log keeps everything; the next attempt retries). */
    default void checkpointFailed(String collection, int shard, Throwable cause) {
    }

    /** The optimizer rebuilt a shard (see {@link io.vjvector.engine.shard.Shard#rebuild}). */
    default void shardRebuilt(String collection, int shard, RebuildResult result) {
    }

    /** A rebuild failed; the shard serves as before and the optimizer retries later. */
    default void rebuildFailed(String collection, int shard, Throwable cause) {
    }
}
