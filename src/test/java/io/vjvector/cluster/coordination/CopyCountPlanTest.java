package io.vjvector.cluster.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a shard's leader adds or drops after its collection's replication factor changed: new
 * copies on live data nodes holding none (least loaded first), surplus copies dropped (gone, then
 * out of sync, never the leader's, never below the write consistency factor), and nothing when the
 * factor did not change.
 */
@Tag("cluster")
class CopyCountPlanTest {

    private static final ShardId S0 = new ShardId("c", 0);
    private static final ShardId S1 = new ShardId("c", 1);

    private static ClusterView view(Map<ShardId, ShardAssignment> shards, String... live) {
        Map<String, NodeRegistration> nodes = new HashMap<>();
        for (String n : live) {
            NodeRole role = n.startsWith("g") ? NodeRole.GATEWAY : n.startsWith("m") ? NodeRole.MASTER : NodeRole.REPLICA;
            nodes.put(n, new NodeRegistration(n, role, "http://" + n, 1));
        }
        return new ClusterView(1, nodes, Map.of(), Map.of(), shards);
    }

    private static ShardAssignment shard(List<String> replicas, List<String> inSync, String leader, int factor) {
        return new ShardAssignment(replicas, inSync, leader, 7, Map.of(), factor);
    }

    @Test
    void raisingAddsCopiesOutOfSyncOnTheLeastLoadedNodesHoldingNone() {
        ShardAssignment a = shard(List.of("m1"), List.of("m1"), "m1", 1);
        Map<ShardId, ShardAssignment> shards = Map.of(S0, a, S1, shard(List.of("r1"), List.of("r1"), "r1", 1));
        CopyCountPlan plan = CopyCountPlan.of(a, 3, 1, view(shards, "m1", "r1", "r2", "g1"));
        assertEquals(List.of("r2", "r1"), plan.add(), "r2 holds no copy, r1 one; the gateway none ever");
        assertEquals(0, plan.unplaced());
        ShardAssignment next = plan.applyTo(a);
        assertEquals(List.of("m1", "r2", "r1"), next.replicas());
        assertEquals(List.of("m1"), next.inSync(), "new copies join the in-sync set only once caught up");
        assertEquals(3, next.factor());
        assertEquals("m1", next.leader());
        assertEquals(7, next.epoch());
        assertTrue(CopyCountPlan.of(next, 3, 1, view(shards, "m1", "r1", "r2")).isEmpty(), "reached: nothing more");
    }

    @Test
    void withTooFewLiveDataNodesTheWishWaitsForANodeToJoin() {
        ShardAssignment a = shard(List.of("m1"), List.of("m1"), "m1", 1);
        Map<ShardId, ShardAssignment> shards = Map.of(S0, a);
        CopyCountPlan partial = CopyCountPlan.of(a, 3, 1, view(shards, "m1", "r1", "g1"));
        assertEquals(List.of("r1"), partial.add());
        assertEquals(1, partial.unplaced());
        ShardAssignment next = partial.applyTo(a);
        assertEquals(1, next.factor(), "the factor is recorded as reached only with every copy placed");
        CopyCountPlan waiting = CopyCountPlan.of(next, 3, 1, view(Map.of(S0, next), "m1", "r1"));
        assertTrue(waiting.isEmpty(), "no node to place it on: nothing to write");
        assertEquals(1, waiting.unplaced());
        assertNull(waiting.applyTo(next));
        CopyCountPlan joined = CopyCountPlan.of(next, 3, 1, view(Map.of(S0, next), "m1", "r1", "r2"));
        assertEquals(List.of("r2"), joined.add());
        assertEquals(3, joined.applyTo(next).factor());
    }

    @Test
    void loweringDropsGoneThenOutOfSyncCopiesNeverTheLeaders() {
        ShardAssignment a = shard(List.of("m1", "r1", "r2", "r3"), List.of("m1", "r1", "r2"), "m1", 4);
        ClusterView v = view(Map.of(S0, a), "m1", "r1", "r3");
        CopyCountPlan plan = CopyCountPlan.of(a, 2, 1, v);
        assertEquals(List.of("r2", "r3"), plan.drop(), "r2's node is gone, r3 is not in sync");
        ShardAssignment next = plan.applyTo(a);
        assertEquals(List.of("m1", "r1"), next.replicas());
        assertEquals(List.of("m1", "r1"), next.inSync());
        assertEquals(2, next.factor());

        ShardAssignment allInSync = shard(List.of("r1", "m1", "r2"), List.of("r1", "m1", "r2"), "m1", 3);
        CopyCountPlan toOne = CopyCountPlan.of(allInSync, 1, 1, view(Map.of(S0, allInSync), "m1", "r1", "r2"));
        assertEquals(List.of("r2", "r1"), toOne.drop(), "never the leader's; the preferred leader's last");
        assertEquals(List.of("m1"), toOne.applyTo(allInSync).replicas());
    }

    @Test
    void loweringNeverGoesBelowTheWriteConsistencyFactorAndWaitsForItToBeLowered() {
        ShardAssignment a = shard(List.of("m1", "r1", "r2"), List.of("m1", "r1", "r2"), "m1", 3);
        ClusterView v = view(Map.of(S0, a), "m1", "r1", "r2");
        CopyCountPlan held = CopyCountPlan.of(a, 1, 2, v);
        assertEquals(1, held.drop().size());
        ShardAssignment next = held.applyTo(a);
        assertEquals(2, next.replicas().size());
        assertEquals(3, next.factor(), "not reached: the factor is asked for again");
        assertTrue(CopyCountPlan.of(next, 1, 2, view(Map.of(S0, next), "m1", "r1", "r2")).isEmpty());
        CopyCountPlan lowered = CopyCountPlan.of(next, 1, 1, view(Map.of(S0, next), "m1", "r1", "r2"));
        assertEquals(1, lowered.drop().size());
        assertEquals(List.of("m1"), lowered.applyTo(next).replicas());
        assertEquals(1, lowered.applyTo(next).factor());
    }

    @Test
    void theLastInSyncCopyBesidesTheLeaderIsKeptOnlyWhenNeeded() {
        // Only the leader is in sync: the out-of-sync copies may all go, the leader stays.
        ShardAssignment a = shard(List.of("m1", "r1", "r2"), List.of("m1"), "m1", 3);
        CopyCountPlan plan = CopyCountPlan.of(a, 1, 1, view(Map.of(S0, a), "m1", "r1", "r2"));
        assertEquals(List.of("m1"), plan.applyTo(a).replicas());
        assertEquals(List.of("m1"), plan.applyTo(a).inSync());
    }

    @Test
    void anUnchangedFactorLeavesAnOperatorsCopiesAloneAndAMoveIsAwaited() {
        ShardAssignment replicated = shard(List.of("m1", "r1", "r2"), List.of("m1", "r1", "r2"), "m1", 2);
        assertTrue(CopyCountPlan.of(replicated, 2, 1, view(Map.of(S0, replicated), "m1", "r1", "r2")).isEmpty(),
                "replicate_shard added a third copy to a shard of factor 2: it stands");
        ShardAssignment moving = new ShardAssignment(List.of("m1", "r1", "r2"), List.of("m1", "r1"), "m1", 7,
                Map.of("r2", "r1"), 2);
        assertTrue(CopyCountPlan.of(moving, 1, 1, view(Map.of(S0, moving), "m1", "r1", "r2")).isEmpty());
    }

    @Test
    void aRecordFromBeforeFactorsWereRecordedAdoptsTheCatalogsFactorChangingNoCopy() {
        ShardAssignment old = new ShardAssignment(List.of("m1", "r1"), List.of("m1", "r1"), "m1", 7);
        assertNull(old.factor());
        CopyCountPlan plan = CopyCountPlan.of(old, 3, 1, view(Map.of(S0, old), "m1", "r1", "r2"));
        ShardAssignment adopted = plan.applyTo(old);
        assertEquals(old.replicas(), adopted.replicas());
        assertEquals(3, adopted.factor());
        assertEquals(2, ShardAssignment.initial(List.of("a", "b")).factor(), "a new shard is placed at its factor");
    }
}
