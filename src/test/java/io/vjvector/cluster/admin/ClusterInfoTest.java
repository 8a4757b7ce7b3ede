package io.vjvector.cluster.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.NodeRegistration;
import io.vjvector.cluster.coordination.NodeRole;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.collection.Catalog;
import io.vjvector.collection.CollectionParams;
import io.vjvector.engine.index.Distance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fuller cluster view says each shard's replication factor and the copies waiting for a live data node. */
@Tag("cluster")
class ClusterInfoTest {

    @Test
    void theOverviewShowsTheFactorAndCopiesWaitingForANode() {
        ShardId s0 = new ShardId("c", 0);
        ShardId s1 = new ShardId("c", 1);
        ShardAssignment short0 = new ShardAssignment(List.of("m1", "r1"), List.of("m1", "r1"), "m1", 3, Map.of(), 2);
        ShardAssignment reached = new ShardAssignment(List.of("r1", "m1", "r2"), List.of("r1", "m1"), "r1", 4, Map.of(), 3);
        CollectionParams params = new CollectionParams(4, Distance.DOT, 2, 3, 1, 16, 100, 10_000);
        ClusterView view = new ClusterView(9, Map.of(
                "m1", new NodeRegistration("m1", NodeRole.MASTER, "http://m1", 1),
                "r1", new NodeRegistration("r1", NodeRole.REPLICA, "http://r1", 1)),
                Map.of("c", new Catalog.Entry("c", "c", params, 1)), Map.of(), Map.of(s0, short0, s1, reached));
        ClusterInfo.Overview overview = ClusterInfo.overview(view, "m1", shard -> List.of());
        ClusterInfo.Shard first = overview.shards().get(0);
        assertEquals(3, first.replicationFactor());
        assertEquals(1, first.unplacedCopies(), "a third copy waits: both live data nodes hold one");
        ClusterInfo.Shard second = overview.shards().get(1);
        assertEquals(3, second.replicationFactor());
        assertNull(second.unplacedCopies(), "at its factor (one copy's node is gone: replacement's business)");
        assertEquals(List.of("r2"), second.dead());
    }
}
