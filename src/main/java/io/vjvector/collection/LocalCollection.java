package io.vjvector.collection;

import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.shard.CheckpointResult;
import io.vjvector.engine.shard.DurableShard;
import io.vjvector.engine.shard.RebuildResult;
import io.vjvector.engine.shard.Shard;
import io.vjvector.engine.shard.VectorFieldSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A collection this process serves: the routing/merging view over its shards, the shards
 * themselves (for checkpoints and closing) and, on disk, its catalog entry. Checkpoints and
 * closing are serialised on this object, so a collection is never closed half-way through a
 * checkpoint.
 */
final class LocalCollection {

    /** After a failed rebuild the optimizer leaves the shard alone this long. */
    static final long RETRY_AFTER_FAILURE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ShardedCollection sharded;
    private final LocalShards shards;
    private volatile Catalog.Entry entry;
    private volatile boolean closed;
    /** Index settings each shard's index was built with; a PATCH of m or ef_construct makes them stale. */
    private final List<Map<String, VectorFieldSpec>> builtWith;
    private final long[] retryAfterNanos;
    /**
     * Shards swapped to a rebuilt state that no checkpoint holds yet (guarded by this object): a
     * rebuild changes no log sequence, so without this a close racing the rebuild's own checkpoint
     * would find nothing new to save and the restart would load the old state.
     */
    private final boolean[] rebuiltUnsaved;

    LocalCollection(ShardedCollection sharded, LocalShards shards, Catalog.Entry entry) {
        this.sharded = sharded;
        this.shards = shards;
        this.entry = entry;
        int n = shards.shards().size();
        this.builtWith = new ArrayList<>(n);
        this.retryAfterNanos = new long[n];
        this.rebuiltUnsaved = new boolean[n];
        // As far as the indexes tell: a graph loaded from a checkpoint keeps its m, so a PATCH of m
        // that a restart overtook still leads to a rebuild. ef_construct is not stored with the
        // graph and is taken to be the current one.
        for (int i = 0; i < n; i++) {
            builtWith.add(shards.shards().get(i).builtWith());
        }
    }

    /**
     * Whether shard {@code n} should be rebuilt: its share of deleted vectors passed the
     * collection's {@code deleted_threshold} (with at least {@code vacuum_min_vector_number}
     * stored), or its index was built with other {@code m} / {@code ef_construct} than the
     * collection now has. Cheap (a few volatile reads), so it runs after every write.
     */
    private boolean due(int n, CollectionParams params, Map<String, VectorFieldSpec> target, long now) {
        Shard shard = shards.shards().get(n);
        if (closed || shard.failed() || shard.rebuilding() || now - retryAfterNanos[n] < 0) {
            return false;
        }
        return !target.equals(builtWith.get(n))
                || params.optimizers().vacuumDue(shard.storedVectorCount(), shard.indexedVectorCount());
    }

    /** Whether any shard is {@link #due}. */
    boolean optimizationDue() {
        CollectionParams params = sharded.params();
        Map<String, VectorFieldSpec> target = VectorFields.of(params);
        long now = System.nanoTime();
        for (int n = 0; n < builtWith.size(); n++) {
            if (due(n, params, target, now)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rebuilds every shard that is {@link #due}, one after another (on the optimizer's thread).
     * On disk the rebuilt shard is checkpointed at once, so that a restart loads the rebuilt
     * state. A failure is reported and leaves the shard serving its old state.
     */
    void optimize(VectorKernels kernels, StorageEvents events) {
        for (int n = 0; n < builtWith.size(); n++) {
            CollectionParams params = sharded.params();
            Map<String, VectorFieldSpec> target = VectorFields.of(params);
            if (!due(n, params, target, System.nanoTime())) {
                continue;
            }
            try {
                RebuildResult result = shards.shards().get(n).rebuild(target, kernels);
                if (result == null) {
                    continue;
                }
                builtWith.set(n, target);
                markRebuilt(n);
                checkpointRebuilt(n, events);
                events.shardRebuilt(sharded.name(), n, result);
            } catch (RuntimeException | Error e) {
                retryAfterNanos[n] = System.nanoTime() + RETRY_AFTER_FAILURE_NANOS;
                events.rebuildFailed(sharded.name(), n, e);
            }
        }
    }

    /**
     * After a vector field was added or dropped: takes each shard's fields as they are now (so the
     * change alone does not look like stale index settings) and, on disk, checkpoints every shard
     * at once, so that no checkpoint or log the restart reads holds values of a dropped field.
     */
    synchronized void vectorFieldsChanged(StorageEvents events) throws IOException {
        for (int n = 0; n < builtWith.size(); n++) {
            builtWith.set(n, shards.shards().get(n).builtWith());
        }
        if (closed) {
            return;
        }
        List<DurableShard> durable = shards.durable();
        for (int i = 0; i < durable.size(); i++) {
            CheckpointResult result = durable.get(i).checkpoint(true);
            if (result != null) {
                events.checkpointWritten(sharded.name(), i, result);
            }
        }
    }

    private synchronized void markRebuilt(int n) {
        rebuiltUnsaved[n] = true;
    }

    /** Under this object's lock, so it never writes into the files of a closed (or deleted) collection. */
    private synchronized void checkpointRebuilt(int n, StorageEvents events) {
        if (closed || shards.durable().isEmpty()) {
            return;
        }
        DurableShard d = shards.durable().get(n);
        try {
            CheckpointResult result = d.checkpoint(true);
            rebuiltUnsaved[n] = false;
            if (result != null) {
                events.checkpointWritten(sharded.name(), n, result);
            }
        } catch (IOException | RuntimeException e) {
            events.checkpointFailed(sharded.name(), n, e);
        }
    }

    ShardedCollection sharded() {
        return sharded;
    }

    LocalShards shards() {
        return shards;
    }

    /** The catalog entry (null in memory). */
    Catalog.Entry entry() {
        return entry;
    }

    void setEntry(Catalog.Entry entry) {
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
            CheckpointResult result = rebuiltUnsaved[shard] ? d.checkpoint(true) : d.checkpoint();
            rebuiltUnsaved[shard] = false;
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
                boolean unsaved = durable.get(i).logBytesSinceCheckpoint() > 0 || rebuiltUnsaved[i];
                if (unsaved && !durable.get(i).shard().failed()) {
                    checkpoint(durable.get(i), i, events);
                }
            }
        }
        shards.close();
    }
}
