package io.vjvector.cluster.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.cluster.coordination.ClusterView;
import io.vjvector.cluster.coordination.NodeRegistration;
import io.vjvector.cluster.coordination.NodeRole;
import io.vjvector.cluster.coordination.ShardAssignment;
import io.vjvector.cluster.coordination.ShardId;
import io.vjvector.error.VJVectorException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Operators' shard changes: what each makes of a shard's record, and the rules that refuse one. */
@Tag("cluster")
class ShardOperationsTest {

    private static final ShardId SHARD = new ShardId("c", 0);

    private static ClusterView view(String... live) {
        Map<String, NodeRegistration> nodes = new java.util.HashMap<>();
        for (String n : live) {
            NodeRole role = n.startsWith("gateway") ? NodeRole.GATEWAY : n.startsWith("m") ? NodeRole.MASTER : NodeRole.REPLICA;
            nodes.put(n, new NodeRegistration(n, role, "http://" + n, 1));
        }
        return new ClusterView(7, nodes, Map.of(), Map.of(), Map.of());
    }

    private static final ShardAssignment LED_BY_M1 = new ShardAssignment(List.of("m1", "r1"), List.of("m1", "r1"), "m1", 5);

    @Test
    void peerIdsAreStableNumbersOfTheNodeIds() {
        // Pinned: operators script against these numbers, and every node must compute the same.
        assertEquals(4167925645566326L, PeerIds.of("master-1"));
        assertEquals(3065111937442919L, PeerIds.of("replica-1"));
        assertTrue(PeerIds.of("x") > 0 && PeerIds.of("x") < (1L << 53));
    }

    @Test
    void replicateAddsACopyOutsideTheInSyncSet() {
        ShardAssignment next = ShardOperations.apply(LED_BY_M1,
                new ShardOperation.Replicate(0, PeerIds.of("r1"), PeerIds.of("r2"), false), view("m1", "r1", "r2"));
        assertEquals(List.of("m1", "r1", "r2"), next.replicas());
        assertEquals(List.of("m1", "r1"), next.inSync());
        assertEquals(Map.of(), next.moves());
    }

    @Test
    void aMoveDropsItsSourceOnlyOnceTheNewCopyIsInSync() {
        ShardAssignment moving = ShardOperations.apply(LED_BY_M1,
                new ShardOperation.Replicate(0, PeerIds.of("r1"), PeerIds.of("r2"), true), view("m1", "r1", "r2"));
        assertEquals(Map.of("r2", "r1"), moving.moves());
        assertEquals(moving, moving.completingMoveTo("r2"), "not in sync yet: nothing dropped");
        ShardAssignment done = moving.withInSyncAdded("r2").completingMoveTo("r2");
        assertEquals(List.of("m1", "r2"), done.replicas());
        assertEquals(List.of("m1", "r2"), done.inSync());
        assertEquals(Map.of(), done.moves());
    }

    @Test
    void neverTwoCopiesOnOneNode() {
        VJVectorException e = assertThrows(VJVectorException.class, () -> ShardOperations.apply(LED_BY_M1,
                new ShardOperation.Replicate(0, PeerIds.of("m1"), PeerIds.of("r1"), false), view("m1", "r1")));
        assertTrue(e.getMessage().contains("already holds a copy"), e.getMessage());
    }

    @Test
    void copiesGoOnlyToLiveDataNodesFromInSyncCopies() {
        assertThrows(VJVectorException.class, () -> ShardOperations.apply(LED_BY_M1,
                new ShardOperation.Replicate(0, PeerIds.of("m1"), PeerIds.of("gateway-1"), false),
                view("m1", "r1", "gateway-1")));
        assertThrows(VJVectorException.class, () -> ShardOperations.apply(LED_BY_M1,
                new ShardOperation.Replicate(0, PeerIds.of("m1"), 12345, false), view("m1", "r1")));
        ShardAssignment lagging = new ShardAssignment(List.of("m1", "r1"), List.of("m1"), "m1", 5);
        VJVectorException e = assertThrows(VJVectorException.class, () -> ShardOperations.apply(lagging,
                new ShardOperation.Replicate(0, PeerIds.of("r1"), PeerIds.of("r2"), false), view("m1", "r1", "r2")));
        assertTrue(e.getMessage().contains("no in-sync copy"), e.getMessage());
    }

    @Test
    void theLeadersCopyIsNeitherMovedNorDroppedWhileItLeads() {
        VJVectorException move = assertThrows(VJVectorException.class, () -> ShardOperations.apply(LED_BY_M1,
                new ShardOperation.Replicate(0, PeerIds.of("m1"), PeerIds.of("r2"), true), view("m1", "r1", "r2")));
        assertTrue(move.getMessage().contains("leads shard 0"), move.getMessage());
        VJVectorException drop = assertThrows(VJVectorException.class, () -> ShardOperations.apply(LED_BY_M1,
                new ShardOperation.Drop(0, PeerIds.of("m1")), view("m1", "r1")));
        assertTrue(drop.getMessage().contains("leads shard 0"), drop.getMessage());
    }

    @Test
    void movingOrDroppingTheLeadersCopyHandsTheLeadershipOverFirst() {
        ClusterView live = view("m1", "r1", "r2");
        assertEquals(ShardOperations.Prelude.HAND_OVER, ShardOperations.prelude(LED_BY_M1,
                new ShardOperation.Drop(0, PeerIds.of("m1")), live));
        assertEquals(ShardOperations.Prelude.HAND_OVER, ShardOperations.prelude(LED_BY_M1,
                new ShardOperation.Replicate(0, PeerIds.of("m1"), PeerIds.of("r2"), true), live));
        assertEquals(ShardOperations.Prelude.NONE, ShardOperations.prelude(LED_BY_M1,
                new ShardOperation.Drop(0, PeerIds.of("r1")), live));
        assertEquals(ShardOperations.Prelude.NONE, ShardOperations.prelude(LED_BY_M1,
                new ShardOperation.Replicate(0, PeerIds.of("m1"), PeerIds.of("r2"), false), live), "a copy is no move");
    }

    @Test
    void theLeadersOnlyInSyncCopyIsMovedByReplicatingItFirst() {
        ShardAssignment alone = new ShardAssignment(List.of("m1", "r1"), List.of("m1"), "m1", 5);
        assertEquals(ShardOperations.Prelude.REPLICATE_FIRST, ShardOperations.prelude(alone,
                new ShardOperation.Replicate(0, PeerIds.of("m1"), PeerIds.of("r2"), true), view("m1", "r1", "r2")));
        VJVectorException e = assertThrows(VJVectorException.class, () -> ShardOperations.prelude(alone,
                new ShardOperation.Drop(0, PeerIds.of("m1")), view("m1", "r1", "r2")));
        assertTrue(e.getMessage().contains("last in-sync copy"), "no handover for a drop that is refused anyway: "
                + e.getMessage());
        VJVectorException taken = assertThrows(VJVectorException.class, () -> ShardOperations.prelude(LED_BY_M1,
                new ShardOperation.Replicate(0, PeerIds.of("m1"), PeerIds.of("r1"), true), view("m1", "r1")));
        assertTrue(taken.getMessage().contains("already holds a copy"), taken.getMessage());
    }

    @Test
    void theLastInSyncCopyIsNeverDropped() {
        ShardAssignment oneInSync = new ShardAssignment(List.of("m1", "r1"), List.of("r1"), null, 0);
        VJVectorException e = assertThrows(VJVectorException.class, () -> ShardOperations.apply(oneInSync,
                new ShardOperation.Drop(0, PeerIds.of("r1")), view("m1", "r1")));
        assertTrue(e.getMessage().contains("last in-sync copy"), e.getMessage());
    }

    @Test
    void aDeadNodesCopyCanBeDroppedByItsPeerId() {
        ShardAssignment next = ShardOperations.apply(LED_BY_M1, new ShardOperation.Drop(0, PeerIds.of("r1")), view("m1"));
        assertEquals(List.of("m1"), next.replicas());
        assertEquals(List.of("m1"), next.inSync());
    }

    @Test
    void qdrantStatesFollowTheInSyncSetAndLiveness() {
        ClusterView v = new ClusterView(9, view("m1", "r1", "r2").nodes(), Map.of(), Map.of(),
                Map.of(SHARD, new ShardAssignment(List.of("m1", "r1", "r2", "r3"), List.of("m1", "r1"), "m1", 5)));
        ClusterInfo.CollectionCluster c = ClusterInfo.collection(v, "r1", "c", (name, shard) -> 42L);
        assertEquals(1, c.shardCount());
        assertEquals(List.of(new ClusterInfo.LocalShard(0, null, 42, "Active")), c.localShards());
        assertEquals(List.of(new ClusterInfo.RemoteShard(0, null, PeerIds.of("m1"), "Active"),
                new ClusterInfo.RemoteShard(0, null, PeerIds.of("r2"), "Partial"),
                new ClusterInfo.RemoteShard(0, null, PeerIds.of("r3"), "Dead")), c.remoteShards());
        assertEquals(1, c.shardTransfers().size());
        assertEquals(PeerIds.of("m1"), c.shardTransfers().get(0).from());
        assertEquals(PeerIds.of("r2"), c.shardTransfers().get(0).to());
        ClusterInfo.Status s = ClusterInfo.status(v, "r1");
        assertEquals("enabled", s.status());
        assertEquals(PeerIds.of("r1"), s.peerId());
        assertEquals(3, s.peers().size());
        assertEquals(9, s.raftInfo().term());
    }
}
