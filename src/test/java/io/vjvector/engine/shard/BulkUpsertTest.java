package io.vjvector.engine.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vjvector.engine.index.Distance;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkUpsertTest {

    @Test
    void largeBatchInsertedInParallelKeepsEveryIdWithItsOwnVector() {
        int n = ParallelInserter.MIN_PARALLEL_BATCH * 8;
        Shard shard = Shards.create(4, Distance.EUCLID, 0);
        List<PointWrite> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(Shards.point(i, Shards.payload("i", i), i, -i, i * 0.5f, 1));
        }
        long op = shard.upsert(batch);
        assertEquals(n, shard.pointCount());
        assertEquals(n, shard.indexedVectorCount());
        List<PointId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(PointId.of(i));
        }
        List<StoredPoint> got = shard.retrieve(ids, true, true);
        assertEquals(n, got.size());
        for (int i = 0; i < n; i++) {
            assertEquals(PointId.of(i), got.get(i).id());
            assertArrayEquals(new float[] {i, -i, i * 0.5f, 1}, got.get(i).vector());
            assertEquals(i, got.get(i).payload().get("i").asInt());
            assertEquals(op, got.get(i).version(), "the batch is one operation");
        }
        shard.upsert(batch);
        assertEquals(n, shard.pointCount(), "re-upserting replaces");
        assertEquals(n, shard.indexedVectorCount());
        assertEquals(PointId.of(7), shard.search(Shards.search(new float[] {7, -7, 3.5f, 1}, 1)).get(0).point().id());
    }
}
