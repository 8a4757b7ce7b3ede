package io.vjvector.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vjvector.collection.StorageEvents;
import io.vjvector.engine.shard.CheckpointResult;
import io.vjvector.engine.shard.RebuildResult;
import io.vjvector.engine.shard.ShardRecovery;
import io.vjvector.engine.storage.WalRecovery;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Metrics and log lines for what storage does on its own: recovery at start-up (torn log tails
 * cut off, collections that failed to load) and checkpoints.
 *
 * <ul>
 *   <li>{@code vjvector_wal_torn_tails_total{collection,shard}}: torn log tails cut off at start-up
 *   <li>{@code vjvector_wal_torn_tail_bytes_total{collection,shard}}: bytes cut off with them
 *   <li>{@code vjvector_collection_load_failures_total{collection}}: collections refused at start-up
 *   <li>{@code vjvector_checkpoint_seconds{collection}}: checkpoint write time (timer)
 *   <li>{@code vjvector_checkpoint_failures_total{collection}}
 *   <li>{@code vjvector_shard_rebuilds_total{collection}}: shards rebuilt by the optimizer
 *   <li>{@code vjvector_shard_rebuild_seconds{collection}}: rebuild time (timer)
 *   <li>{@code vjvector_shard_rebuild_failures_total{collection}}
 * </ul>
 */
@ApplicationScoped
public class StorageMetrics implements StorageEvents {

    private static final Logger LOG = Logger.getLogger(StorageMetrics.class);

    private final MeterRegistry registry;

    public StorageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void shardOpened(String collection, int shard, ShardRecovery recovery) {
        String id = Integer.toString(shard);
        recovery.wal().tornTail().ifPresent(torn -> tornTail(collection, id, torn));
        LOG.infof("Collection `%s` shard %d loaded in %d ms: checkpoint at sequence %d, %d log records replayed,"
                        + " now at sequence %d", collection, shard,
                TimeUnit.NANOSECONDS.toMillis(recovery.loadNanos()), recovery.checkpointSequence(),
                recovery.replayedRecords(), recovery.lastSequence());
    }

    private void tornTail(String collection, String shard, WalRecovery.TornTail torn) {
        Counter.builder("vjvector.wal.torn.tails").description("Torn write-ahead log tails cut off at start-up")
                .tag("collection", collection).tag("shard", shard).register(registry).increment();
        Counter.builder("vjvector.wal.torn.tail.bytes").description("Bytes of torn log tails cut off at start-up")
                .baseUnit("bytes").tag("collection", collection).tag("shard", shard).register(registry)
                .increment(torn.truncatedBytes());
        LOG.warnf("Collection `%s` shard %s: cut a torn log tail of %d bytes at %s offset %d (%s);"
                        + " the write it held was never acknowledged", collection, shard, torn.truncatedBytes(),
                torn.file(), torn.offset(), torn.reason());
    }

    @Override
    public void collectionFailed(String collection, Throwable cause) {
        Counter.builder("vjvector.collection.load.failures").description("Collections that failed to load")
                .tag("collection", collection).register(registry).increment();
    }

    @Override
    public void checkpointWritten(String collection, int shard, CheckpointResult result) {
        Timer.builder("vjvector.checkpoint").description("Checkpoint capture and write time")
                .tag("collection", collection).register(registry)
                .record(result.pauseNanos() + result.writeNanos(), TimeUnit.NANOSECONDS);
        LOG.debugf("Collection `%s` shard %d: checkpoint at sequence %d, %d points, %d bytes, writes paused %d ms,"
                        + " written in %d ms, %d log segments removed", collection, shard, result.sequence(),
                result.points(), result.bytes(), TimeUnit.NANOSECONDS.toMillis(result.pauseNanos()),
                TimeUnit.NANOSECONDS.toMillis(result.writeNanos()), result.removedSegments());
    }

    @Override
    public void shardRebuilt(String collection, int shard, RebuildResult result) {
        Counter.builder("vjvector.shard.rebuilds").description("Shards rebuilt by the optimizer")
                .tag("collection", collection).register(registry).increment();
        Timer.builder("vjvector.shard.rebuild").description("Shard rebuild time, writes running")
                .tag("collection", collection).register(registry)
                .record(result.buildNanos() + result.swapNanos(), TimeUnit.NANOSECONDS);
        LOG.infof("Collection `%s` shard %d rebuilt: %d -> %d vectors (%d live at the start, %d writes caught up),"
                        + " index heap %d -> %d bytes, built in %d ms, writes paused %d ms for the swap", collection, shard,
                result.vectorsBefore(), result.vectorsAfter(), result.points(), result.caughtUp(), result.ramBefore(),
                result.ramAfter(), TimeUnit.NANOSECONDS.toMillis(result.buildNanos()),
                TimeUnit.NANOSECONDS.toMillis(result.swapNanos()));
    }

    @Override
    public void rebuildFailed(String collection, int shard, Throwable cause) {
        Counter.builder("vjvector.shard.rebuild.failures").description("Shard rebuilds that failed")
                .tag("collection", collection).register(registry).increment();
        LOG.errorf(cause, "Collection `%s` shard %d: rebuild failed; the shard serves as before (retried later)",
                collection, shard);
    }

    @Override
    public void checkpointFailed(String collection, int shard, Throwable cause) {
        Counter.builder("vjvector.checkpoint.failures").description("Checkpoints that could not be written")
                .tag("collection", collection).register(registry).increment();
        LOG.errorf(cause, "Collection `%s` shard %d: checkpoint failed (the log keeps every write; retried later)",
                collection, shard);
    }
}
