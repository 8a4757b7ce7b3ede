package io.vjvector.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vjvector.collection.StorageEvents;
import io.vjvector.engine.shard.CheckpointResult;
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
    public void checkpointFailed(String collection, int shard, Throwable cause) {
        Counter.builder("vjvector.checkpoint.failures").description("Checkpoints that could not be written")
                .tag("collection", collection).register(registry).increment();
        LOG.errorf(cause, "Collection `%s` shard %d: checkpoint failed (the log keeps every write; retried later)",
                collection, shard);
    }
}
