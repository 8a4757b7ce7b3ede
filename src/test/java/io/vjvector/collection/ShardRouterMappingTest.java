package io.vjvector.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vjvector.engine.point.PointId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pins the point → shard mapping with literal values, so that no change to the hash, the id
 * encoding or the reduction can move points between shards unnoticed: a cluster and every
 * snapshot depend on every node placing a point where it was placed before.
 *
 * <p>The values were computed once outside this code base (an independent implementation of
 * murmur3's 64-bit finaliser {@code fmix64}; integer id: {@code fmix64(id)}; UUID:
 * {@code fmix64(msb ^ fmix64(lsb))}; shard = that hash as unsigned 64-bit, modulo the shard count).
 * Never regenerate them from {@link ShardRouter}.
 */
class ShardRouterMappingTest {

    private static final int[] SHARD_COUNTS = {1, 2, 3, 5, 7, 16};

    @Test
    void integerIdsGoToPinnedShards() {
        assertShards(PointId.of(0), 0, 0, 0, 0, 0, 0);
        assertShards(PointId.of(1), 0, 0, 2, 4, 0, 12);
        assertShards(PointId.of(2), 0, 1, 0, 2, 5, 7);
        assertShards(PointId.of(42), 0, 0, 0, 0, 3, 12);
        assertShards(PointId.of(1000), 0, 1, 0, 1, 5, 1);
        assertShards(PointId.of(Long.MAX_VALUE), 0, 0, 1, 0, 3, 10);
        assertShards(PointId.of(Long.MIN_VALUE), 0, 1, 0, 2, 0, 3);
        assertShards(PointId.of(Long.parseUnsignedLong("18446744073709551615")), 0, 1, 1, 4, 5, 1);
    }

    @Test
    void uuidIdsGoToPinnedShards() {
        assertShards(uuid("00000000-0000-0000-0000-000000000000"), 0, 0, 0, 0, 0, 0);
        assertShards(uuid("550e8400-e29b-41d4-a716-446655440000"), 0, 1, 1, 3, 5, 7);
        assertShards(uuid("ffffffff-ffff-ffff-ffff-ffffffffffff"), 0, 0, 0, 3, 4, 10);
        assertShards(uuid("936da01f-9abd-4d9d-80c7-02af85c822a8"), 0, 1, 2, 4, 3, 3);
    }

    @Test
    void hashesArePinned() {
        assertEquals(0xb456bcfc34c2cb2cL, PointId.of(1).stableHash());
        assertEquals(0x64b5720b4b825f21L, PointId.of(-1L).stableHash());
        assertEquals(0xa4db413564890f37L, uuid("550e8400-e29b-41d4-a716-446655440000").stableHash());
    }

    private static PointId uuid(String text) {
        return PointId.of(UUID.fromString(text));
    }

    private static void assertShards(PointId id, int... expected) {
        for (int i = 0; i < SHARD_COUNTS.length; i++) {
            assertEquals(expected[i], new ShardRouter(SHARD_COUNTS[i]).shardOf(id),
                    "id " + id + " with " + SHARD_COUNTS[i] + " shards");
        }
    }
}
