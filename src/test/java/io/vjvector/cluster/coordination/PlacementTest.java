package io.vjvector.cluster.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Placement never puts two copies of a shard on one node, spreads copies and leaders, and refuses too few nodes. */
class PlacementTest {

    private static List<NodeRegistration> nodes(int masters, int replicas) {
        List<NodeRegistration> nodes = new ArrayList<>();
        for (int i = 0; i < masters; i++) {
            nodes.add(new NodeRegistration("m" + i, NodeRole.MASTER, "http://m" + i, 1));
        }
        for (int i = 0; i < replicas; i++) {
            nodes.add(new NodeRegistration("r" + i, NodeRole.REPLICA, "http://r" + i, 1));
        }
        nodes.add(new NodeRegistration("gw", NodeRole.GATEWAY, "http://gw", 1));
        return nodes;
    }

    @Test
    void threeShardsTwoCopiesOnThreeNodesSpreadCopiesAndLeaders() {
        List<List<String>> placement = Placement.place(3, 2, nodes(0, 3), Map.of());
        assertEquals(List.of(List.of("r0", "r1"), List.of("r2", "r0"), List.of("r1", "r2")), placement);
    }

    @Test
    void newCopiesOfAShardGoToLiveDataNodesHoldingNoneOfItTheLeastLoadedFirst() {
        Map<String, Integer> held = Placement.copiesHeld(List.of(
                new ShardAssignment(List.of("m0", "r0"), List.of("m0"), "m0", 1),
                new ShardAssignment(List.of("r0", "r1"), List.of("r0"), "r0", 1)));
        assertEquals(Map.of("m0", 1, "r0", 2, "r1", 1), held);
        assertEquals(List.of("r2", "r1"), Placement.addTo(List.of("m0", "r0"), 5, nodes(1, 3), held),
                "never a node holding one already, never the gateway; fewer when fewer are live");
        assertEquals(List.of("r2"), Placement.addTo(List.of("m0", "r0"), 1, nodes(1, 3), held));
        assertEquals(List.of(), Placement.addTo(List.of("m0"), 0, nodes(1, 3), held));
    }

    @Test
    void mastersArePreferredLeadersWhenChosen() {
        List<List<String>> placement = Placement.place(4, 2, nodes(1, 3), Map.of());
        for (List<String> replicas : placement) {
            if (replicas.contains("m0")) {
                assertEquals("m0", replicas.get(0), placement.toString());
            }
        }
    }

    @Test
    void neverTwoCopiesOfAShardOnOneNodeAndLoadStaysEven() {
        long seed = Long.getLong("placement.seed", System.nanoTime());
        System.out.println("PlacementTest seed (-Dplacement.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            int masters = random.nextInt(3);
            int replicas = 1 + random.nextInt(6);
            int n = masters + replicas;
            int rf = 1 + random.nextInt(n);
            int shards = 1 + random.nextInt(20);
            Map<String, Integer> held = new HashMap<>();
            List<List<String>> placement = Placement.place(shards, rf, nodes(masters, replicas), held);
            assertEquals(shards, placement.size());
            Map<String, Integer> copies = new HashMap<>();
            for (List<String> copiesOfShard : placement) {
                assertEquals(rf, copiesOfShard.size());
                assertEquals(rf, new HashSet<>(copiesOfShard).size(), "two copies on one node: " + placement);
                assertTrue(!copiesOfShard.contains("gw"), "a gateway holds no copies");
                copiesOfShard.forEach(node -> copies.merge(node, 1, Integer::sum));
            }
            int min = copies.size() < n ? 0 : copies.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            int max = copies.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            assertTrue(max - min <= 1, "copies per node differ by more than one: " + copies + " seed " + seed);
        }
    }

    @Test
    void copiesAlreadyHeldElsewhereSteerNewCopiesAway() {
        List<List<String>> placement = Placement.place(1, 2, nodes(0, 3), Map.of("r0", 5));
        assertEquals(List.of(List.of("r1", "r2")), placement);
    }

    @Test
    void moreCopiesThanLiveDataNodesIsRefusedNamingTheField() {
        VJVectorException e = assertThrows(VJVectorException.class, () -> Placement.place(2, 3, nodes(1, 1), Map.of()));
        assertEquals(ErrorKind.BAD_REQUEST, e.kind());
        assertEquals("replication_factor", e.field());
        assertTrue(e.getMessage().contains("has 2"), e.getMessage());
    }
}
