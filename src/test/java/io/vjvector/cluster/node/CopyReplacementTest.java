package io.vjvector.cluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.NodeRegistration;
import io.vjvector.cluster.coordination.NodeRole;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** When and where a leader re-creates the copy of a data node that stayed gone. */
@Tag("cluster")
class CopyReplacementTest {

    private static final ShardId S0 = new ShardId("c", 0);
    private static final ShardId S1 = new ShardId("c", 1);
    private static final long SECOND = 1_000_000_000L;

    private static ClusterView view(Map<ShardId, ShardAssignment> shards, String... live) {
        Map<String, NodeRegistration> nodes = new HashMap<>();
        for (String n : live) {
            nodes.put(n, new NodeRegistration(n, n.startsWith("g") ? NodeRole.GATEWAY : NodeRole.REPLICA, "http://" + n, 1));
        }
        return new ClusterView(1, nodes, Map.of(), Map.of(), shards);
    }

    @Test
    void aGoneCopyOutOfSyncIsReplacedOnlyAfterTheConfiguredTime() {
        Map<ShardId, ShardAssignment> shards = Map.of(
                S0, new ShardAssignment(List.of("a", "b"), List.of("a"), "a", 3),
                S1, new ShardAssignment(List.of("c", "a"), List.of("c", "a"), "c", 4));
        ClusterView v = view(shards, "a", "c", "d", "g1");
        CopyReplacement r = new CopyReplacement(Duration.ofSeconds(10));
        r.observe(v, 0);
        assertEquals(Optional.empty(), r.due(S0, v, 9 * SECOND));
        r.observe(v, 9 * SECOND);
        // d holds no copy at all (c holds one): the least loaded data node; the gateway never gets one.
        CopyReplacement.Replacement due = r.due(S0, v, 10 * SECOND).orElseThrow();
        assertEquals(new CopyReplacement.Replacement("b", "d"), due);
        ShardAssignment next = due.applyTo(shards.get(S0));
        assertEquals(List.of("a", "d"), next.replicas());
        assertEquals(List.of("a"), next.inSync(), "the new copy joins the in-sync set only once caught up");
        assertNull(due.applyTo(next), "applied once");
    }

    @Test
    void aNodeThatCameBackIsNotReplacedAndAnInSyncCopyWaits() {
        Map<ShardId, ShardAssignment> shards = Map.of(S0, new ShardAssignment(List.of("a", "b"), List.of("a", "b"), "a", 3));
        CopyReplacement r = new CopyReplacement(Duration.ofSeconds(1));
        ClusterView gone = view(shards, "a", "d");
        r.observe(gone, 0);
        assertEquals(Optional.empty(), r.due(S0, gone, 5 * SECOND), "still in sync: the leader removes it first");
        r.observe(view(shards, "a", "b", "d"), 6 * SECOND);
        ClusterView outOfSync = view(Map.of(S0, shards.get(S0).withoutInSync("b")), "a", "d");
        r.observe(outOfSync, 7 * SECOND);
        assertEquals(Optional.empty(), r.due(S0, outOfSync, 7 * SECOND + SECOND / 2), "gone again only since 7 s");
        assertTrue(r.due(S0, outOfSync, 8 * SECOND).isPresent());
    }

    @Test
    void withoutASpareDataNodeNothingIsReplaced() {
        Map<ShardId, ShardAssignment> shards = Map.of(S0, new ShardAssignment(List.of("a", "b"), List.of("a"), "a", 3));
        ClusterView v = view(shards, "a", "g1");
        CopyReplacement r = new CopyReplacement(Duration.ZERO);
        r.observe(v, 0);
        assertEquals(Optional.empty(), r.due(S0, v, SECOND));
    }
}
