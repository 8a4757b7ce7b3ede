package io.vjvector.collection;

import io.vjvector.engine.shard.CheckpointResult;
import io.vjvector.engine.shard.DurableShard;
import java.io.IOException;
import java.util.List;

/**
 * A collection this process serves: the routing/merging view over its shards, the shards
 * themselves (for checkpoints and closing) and, on disk, its catalog entry. Checkpoints and
 * closing are serialised on this object, so a collection is never closed half-way through a
 * checkpoint.
 */
final class LocalCollection {

    private final ShardedCollection sharded;
    private final LocalShards shards;
    private volatile CollectionCatalog.Entry entry;
    private boolean closed;

    LocalCollection(ShardedCollection sharded, LocalShards shards, CollectionCatalog.Entry entry) {
        this.sharded = sharded;
        this.shards = shards;
        this.entry = entry;
    }

    ShardedCollection sharded() {
        return sharded;
    }

    LocalShards shards() {
        return shards;
    }

    /** The catalog entry (null in memory). */
    CollectionCatalog.Entry entry() {
        return entry;
    }

    void setEntry(CollectionCatalog.Entry entry) {
        this.entry = entry;
    }

    /** Checkpoints the shards whose log grew past the policy's limits. */
    synchronized void checkpointDue(StorageSettings settings, long nowNanos, StorageEvents events) {
        if (closed) {
            return;
        }
        List<DurableShard> durable = shards.durable();
        for (int i = 0; i < durable.size(); i++) {
            DurableShard d = durable.get(i);
            long pending = d.logBytesSinceCheckpoint();
            boolean due = pending >= settings.checkpointLogBytes()
                    || (pending > 0 && nowNanos - d.lastCheckpointNanos() >= settings.checkpointInterval().toNanos());
            if (due) {
                checkpoint(d, i, events);
            }
        }
    }

    private void checkpoint(DurableShard d, int shard, StorageEvents events) {
        try {
            CheckpointResult result = d.checkpoint();
            if (result != null) {
                events.checkpointWritten(sharded.name(), shard, result);
            }
        } catch (IOException | RuntimeException e) {
            events.checkpointFailed(sharded.name(), shard, e);
        }
    }

    /** Closes the shards, first checkpointing those with unsaved log records when asked to. */
    synchronized void close(boolean checkpoint, StorageEvents events) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (checkpoint) {
            List<DurableShard> durable = shards.durable();
            for (int i = 0; i < durable.size(); i++) {
                if (durable.get(i).logBytesSinceCheckpoint() > 0 && !durable.get(i).shard().failed()) {
                    checkpoint(durable.get(i), i, events);
                }
            }
        }
        shards.close();
    }
}
