package io.vjvector.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.ClusterWatch;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.node.LedShard;
import io.vjvector.cluster.transport.CallFailures;
import io.vjvector.engine.replication.ReplicationLeader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A cluster node's replication and coordination metrics. Created by the cluster membership (the
 * cluster classes are plain Java), not a bean.
 *
 * <ul>
 *   <li>{@code vjvector_replication_lag_records{collection,shard,follower}}: records the leader
 *   has that the follower has not acknowledged (on the shard's leader)
 *   <li>{@code vjvector_replication_lag_seconds{collection,shard,follower}}: time since the
 *   follower last had everything the leader had (Kafka's replica lag time)
 *   <li>{@code vjvector_replication_in_sync_copies{collection,shard}}: copies in the in-sync set,
 *   the leader included (on the shard's leader)
 *   <li>{@code vjvector_shard_leader_epoch{collection,shard}}: the epoch of each shard this node leads
 *   <li>{@code vjvector_cluster_leader_changes_total{collection,shard}}: new leader epochs seen in
 *   the shard table (every role counts them from its watch)
 *   <li>{@code vjvector_cluster_call_failures_total{node,kind}}: calls to another node that got
 *   no usable answer, by target node and kind ({@code timeout}, {@code connect},
 *   {@code circuit_open}, {@code bulkhead}, {@code status}, {@code io})
 * </ul>
 *
 * The gauges are refreshed once a second from the leader's state (rows come and go with
 * leaderships and followers).
 */
public final class ClusterMetrics implements CallFailures, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterMetrics.class);
    static final String LAG_RECORDS = "vjvector.replication.lag.records";
    static final String LAG_SECONDS = "vjvector.replication.lag.seconds";
    static final String IN_SYNC = "vjvector.replication.in.sync.copies";
    static final String EPOCH = "vjvector.shard.leader.epoch";
    static final String LEADER_CHANGES = "vjvector.cluster.leader.changes";
    static final String CALL_FAILURES = "vjvector.cluster.call.failures";

    private final MeterRegistry registry;
    private final MultiGauge lagRecords;
    private final MultiGauge lagSeconds;
    private final MultiGauge inSync;
    private final MultiGauge epochs;
    private final Map<ShardId, Long> epochsSeen = new HashMap<>();
    private ScheduledExecutorService refresher;
    private ClusterWatch watch;
    private Consumer<ClusterView> onView;

    public ClusterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lagRecords = MultiGauge.builder(LAG_RECORDS)
                .description("Records a shard's leader has that the follower has not acknowledged").register(registry);
        this.lagSeconds = MultiGauge.builder(LAG_SECONDS).baseUnit("seconds")
                .description("Time since the follower last had everything the shard's leader had").register(registry);
        this.inSync = MultiGauge.builder(IN_SYNC)
                .description("Copies of a led shard in its in-sync set, the leader included").register(registry);
        this.epochs = MultiGauge.builder(EPOCH).description("Epoch of a shard this node leads").register(registry);
    }

    /** Counts new leader epochs from {@code watch}'s views, starting from its current one. */
    public synchronized void watchLeaders(ClusterWatch watch) {
        this.watch = watch;
        seen(watch.current(), false);
        onView = view -> seen(view, true);
        watch.addListener(onView);
    }

    /** Refreshes the replication gauges once a second from {@code ledShards} (a data node's). */
    public synchronized void watchReplication(Supplier<List<LedShard>> ledShards) {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vjvector-cluster-metrics");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refresh(ledShards.get());
            } catch (RuntimeException e) {
                LOG.debugf(e, "Refreshing the replication metrics failed");
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    /** Notes the epochs of {@code view}; with {@code count}, counts each shard's new one as a leader change. */
    synchronized void seen(ClusterView view, boolean count) {
        for (Map.Entry<ShardId, ShardAssignment> e : view.shards().entrySet()) {
            long epoch = e.getValue().epoch();
            Long before = epochsSeen.put(e.getKey(), epoch);
            if (count && epoch != 0 && (before == null || before != epoch)) {
                Counter.builder(LEADER_CHANGES).description("New shard leader epochs seen in the shard table")
                        .tags(shardTags(e.getKey())).register(registry).increment();
            }
        }
        epochsSeen.keySet().retainAll(view.shards().keySet());
    }

    /** Sets the replication gauges to {@code ledShards}' state (rows of shards no longer led go). */
    void refresh(List<LedShard> ledShards) {
        List<MultiGauge.Row<?>> records = new ArrayList<>();
        List<MultiGauge.Row<?>> seconds = new ArrayList<>();
        List<MultiGauge.Row<?>> copies = new ArrayList<>();
        List<MultiGauge.Row<?>> led = new ArrayList<>();
        long now = System.nanoTime();
        for (LedShard s : ledShards) {
            Tags tags = shardTags(s.shard());
            copies.add(MultiGauge.Row.of(tags, s.inSyncCopies()));
            led.add(MultiGauge.Row.of(tags, s.epoch()));
            for (ReplicationLeader.FollowerState f : s.followers()) {
                Tags follower = tags.and("follower", f.member());
                records.add(MultiGauge.Row.of(follower, Math.max(0, s.lastSequence() - Math.max(0, f.ackedSequence()))));
                double lag = f.ackedSequence() >= s.lastSequence() ? 0 : (now - f.caughtUpNanos()) / 1e9;
                seconds.add(MultiGauge.Row.of(follower, Math.max(0, lag)));
            }
        }
        lagRecords.register(records, true);
        lagSeconds.register(seconds, true);
        inSync.register(copies, true);
        epochs.register(led, true);
    }

    @Override
    public void failed(String nodeId, String kind) {
        Counter.builder(CALL_FAILURES).description("Calls to another node that got no usable answer")
                .tag("node", nodeId).tag("kind", kind).register(registry).increment();
    }

    private static Tags shardTags(ShardId shard) {
        return Tags.of("collection", shard.collection(), "shard", Integer.toString(shard.shard()));
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        if (watch != null && onView != null) {
            watch.removeListener(onView);
        }
    }
}
