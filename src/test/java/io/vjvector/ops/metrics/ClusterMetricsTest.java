package io.vjvector.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.cluster.node.LedShard;
import io.vjvector.cluster.transport.CallFailures;
import io.vjvector.engine.replication.ReplicationLeader.FollowerState;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("cluster")
class ClusterMetricsTest {

    private static final ShardId SHARD = new ShardId("c", 1);

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final ClusterMetrics metrics = new ClusterMetrics(registry);

    @Test
    void replicationGaugesFollowTheLedShardsAndDropTheRestOnRefresh() {
        long now = System.nanoTime();
        metrics.refresh(List.of(new LedShard(SHARD, 7, 100, 90, 2, List.of(
                new FollowerState("r1", true, 100, now),
                new FollowerState("r2", false, 40, now - 3_000_000_000L)))));
        assertEquals(0, gauge(ClusterMetrics.LAG_RECORDS, "r1"));
        assertEquals(60, gauge(ClusterMetrics.LAG_RECORDS, "r2"));
        assertEquals(0, gauge(ClusterMetrics.LAG_SECONDS, "r1"));
        assertEquals(3, gauge(ClusterMetrics.LAG_SECONDS, "r2"), 0.5);
        assertEquals(2, registry.get(ClusterMetrics.IN_SYNC).tag("shard", "1").gauge().value());
        assertEquals(7, registry.get(ClusterMetrics.EPOCH).tag("collection", "c").gauge().value());

        metrics.refresh(List.of());
        assertNull(registry.find(ClusterMetrics.EPOCH).gauge(), "a shard no longer led keeps no epoch gauge");
        assertNull(registry.find(ClusterMetrics.LAG_RECORDS).gauge());
    }

    @Test
    void leaderChangesCountNewEpochsAfterTheFirstView() {
        metrics.seen(view(5), false);
        metrics.seen(view(5), true);
        assertNull(registry.find(ClusterMetrics.LEADER_CHANGES).counter(), "the first view's leader is no change");
        metrics.seen(view(9), true);
        metrics.seen(view(9), true);
        metrics.seen(view(12), true);
        assertEquals(2, registry.get(ClusterMetrics.LEADER_CHANGES).tag("shard", "1").counter().count());
    }

    @Test
    void callFailuresAreCountedByNodeAndKind() {
        metrics.failed("m1", CallFailures.kindOf(new TimeoutException()));
        metrics.failed("m1", CallFailures.kindOf(new TimeoutException()));
        metrics.failed("m1", CallFailures.kindOf(new ConnectException()));
        metrics.failed("r2", CallFailures.kindOf(new CircuitBreakerOpenException()));
        assertEquals(2, registry.get(ClusterMetrics.CALL_FAILURES).tags("node", "m1", "kind", "timeout").counter().count());
        assertEquals(1, registry.get(ClusterMetrics.CALL_FAILURES).tags("node", "m1", "kind", "connect").counter().count());
        assertEquals(1, registry.get(ClusterMetrics.CALL_FAILURES).tags("node", "r2", "kind", "circuit_open").counter()
                .count());
    }

    private double gauge(String name, String follower) {
        return registry.get(name).tag("follower", follower).gauge().value();
    }

    private static ClusterView view(long epoch) {
        return new ClusterView(epoch, Map.of(), Map.of(), Map.of(),
                Map.of(SHARD, new ShardAssignment(List.of("m1", "r1"), List.of("m1", "r1"), "m1", epoch)));
    }
}
