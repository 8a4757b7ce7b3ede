package io.vjvector.engine.shard;

import static io.vjvector.engine.shard.Shards.payload;
import static io.vjvector.engine.shard.Shards.point;
import static io.vjvector.engine.shard.Shards.search;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardTest {

    private static List<PointId> ids(List<ScoredHit> hits) {
        return hits.stream().map(h -> h.point().id()).toList();
    }

    @Test
    void upsertedPointsAreRetrievableWithPayloadVectorAndVersion() {
        Shard shard = Shards.create(2, Distance.EUCLID, 0);
        long op = shard.upsert(List.of(point(1, payload("a", 1), 1, 2), point(2, null, 3, 4)));
        List<StoredPoint> got = shard.retrieve(List.of(PointId.of(2), PointId.of(3), PointId.of(1)), true, true);
        assertEquals(List.of(PointId.of(2), PointId.of(1)), got.stream().map(StoredPoint::id).toList());
        assertEquals(0, got.get(0).payload().size(), "a missing payload is stored as {}");
        assertEquals(1, got.get(1).payload().get("a").asInt());
        assertArrayEquals(new float[] {1, 2}, got.get(1).vector());
        assertEquals(op, got.get(1).version());
        assertNull(shard.retrieve(List.of(PointId.of(1)), false, false).get(0).payload());
    }

    @Test
    void callerMutatingItsPayloadAfterUpsertChangesNothingStored() {
        Shard shard = Shards.create(2, Distance.DOT, 0);
        ObjectNode mine = payload("a", 1);
        shard.upsert(List.of(point(1, mine, 1, 0)));
        mine.put("a", 2);
        assertEquals(1, shard.retrieve(List.of(PointId.of(1)), true, false).get(0).payload().get("a").asInt());
    }

    @Test
    void replacedPointIsFoundOnlyUnderItsNewVector() {
        Shard shard = Shards.create(2, Distance.EUCLID, 0);
        shard.upsert(List.of(point(1, payload("v", 1), 0, 0), point(2, null, 5, 5)));
        long second = shard.upsert(List.of(point(1, payload("v", 2), 10, 10)));
        List<ScoredHit> hits = shard.search(search(new float[] {0, 0}, 10));
        assertEquals(List.of(PointId.of(2), PointId.of(1)), ids(hits));
        ScoredHit replaced = hits.get(1);
        assertEquals((float) Math.sqrt(200), replaced.score(), 1e-4);
        assertEquals(2, replaced.point().payload().get("v").asInt());
        assertEquals(second, replaced.point().version());
        assertEquals(2, shard.pointCount());
        assertEquals(2, shard.indexedVectorCount(), "the old vector is tombstoned");
    }

    @Test
    void lastOccurrenceOfAnIdInOneBatchWins() {
        Shard shard = Shards.create(1, Distance.DOT, 0);
        shard.upsert(List.of(point(1, payload("v", 1), 1), point(1, payload("v", 2), 2)));
        assertEquals(1, shard.pointCount());
        StoredPoint p = shard.retrieve(List.of(PointId.of(1)), true, true).get(0);
        assertEquals(2, p.payload().get("v").asInt());
        assertArrayEquals(new float[] {2}, p.vector());
        assertEquals(1, shard.indexedVectorCount());
    }

    @Test
    void deletedPointsAreNeverReturned() {
        Shard shard = Shards.create(2, Distance.EUCLID, 0);
        List<PointWrite> points = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            points.add(point(i, null, i, i));
        }
        shard.upsert(points);
        shard.delete(List.of(PointId.of(0), PointId.of(1), PointId.of(1000)));
        assertEquals(98, shard.pointCount());
        assertEquals(98, shard.count(null));
        assertEquals(List.of(PointId.of(2), PointId.of(3)), ids(shard.search(search(new float[] {0, 0}, 2))));
        assertEquals(List.of(PointId.of(2), PointId.of(3)), ids(shard.search(Shards.exact(new float[] {0, 0}, 2))));
        assertTrue(shard.retrieve(List.of(PointId.of(0)), true, true).isEmpty());
        assertEquals(PointId.of(2), shard.scroll(null, null, 1, false, false).get(0).id());
        shard.upsert(List.of(point(0, null, 0, 0)));
        assertEquals(PointId.of(0), ids(shard.search(search(new float[] {0, 0}, 1))).get(0), "a deleted id can come back");
    }

    @Test
    void operationIdsIncreaseWithEveryWrite() {
        Shard shard = Shards.create(1, Distance.DOT, 0);
        long a = shard.upsert(List.of(point(1, null, 1)));
        long b = shard.delete(List.of(PointId.of(5)));
        long c = shard.updatePayload(List.of(PointId.of(1)), new PayloadUpdate.Clear());
        long d = shard.createFieldIndex("k", io.vjvector.engine.filter.PayloadSchemaType.KEYWORD);
        assertTrue(a < b && b < c && c < d);
        assertEquals(c, shard.retrieve(List.of(PointId.of(1)), false, false).get(0).version(),
                "a payload change is a new version of the point");
    }

    @Test
    void scrollWalksIdsInOrderFromAnInclusiveOffset() {
        Shard shard = Shards.create(1, Distance.DOT, 0);
        List<PointWrite> points = new ArrayList<>();
        for (int i = 20; i >= 1; i--) {
            points.add(point(i * 10L, null, i));
        }
        shard.upsert(points);
        List<StoredPoint> page = shard.scroll(null, PointId.of(50), 3, false, false);
        assertEquals(List.of(PointId.of(50), PointId.of(60), PointId.of(70)), page.stream().map(StoredPoint::id).toList());
        page = shard.scroll(null, PointId.of(55), 2, false, true);
        assertEquals(List.of(PointId.of(60), PointId.of(70)), page.stream().map(StoredPoint::id).toList());
        assertArrayEquals(new float[] {6}, page.get(0).vector());
        assertTrue(shard.scroll(null, PointId.of(201), 5, false, false).isEmpty());
        assertTrue(shard.scroll(null, null, 0, false, false).isEmpty());
    }

    @Test
    void payloadChangesByIds() {
        Shard shard = Shards.create(1, Distance.DOT, 0);
        ObjectNode initial = JsonNodeFactory.instance.objectNode().put("a", 1).put("b", 2);
        initial.putObject("nested").put("x", 1);
        shard.upsert(List.of(point(1, initial, 1), point(2, initial, 2)));
        List<PointId> one = List.of(PointId.of(1));

        shard.updatePayload(one, new PayloadUpdate.Set(JsonNodeFactory.instance.objectNode().put("b", 3).put("c", 4), null));
        assertEquals("{\"a\":1,\"b\":3,\"nested\":{\"x\":1},\"c\":4}", payloadOf(shard, 1));

        shard.updatePayload(one, new PayloadUpdate.Set(JsonNodeFactory.instance.objectNode().put("y", 2), JsonPath.parse("nested")));
        assertEquals("{\"x\":1,\"y\":2}", shard.retrieve(one, true, false).get(0).payload().get("nested").toString());

        shard.updatePayload(one, new PayloadUpdate.DeleteKeys(List.of(JsonPath.parse("a"), JsonPath.parse("nested"), JsonPath.parse("absent"))));
        assertEquals("{\"b\":3,\"c\":4}", payloadOf(shard, 1));

        shard.updatePayload(one, new PayloadUpdate.Overwrite(JsonNodeFactory.instance.objectNode().put("z", 0)));
        assertEquals("{\"z\":0}", payloadOf(shard, 1));

        shard.updatePayload(one, new PayloadUpdate.Clear());
        assertEquals("{}", payloadOf(shard, 1));
        assertEquals("{\"a\":1,\"b\":2,\"nested\":{\"x\":1}}", payloadOf(shard, 2), "other points are untouched");
    }

    @Test
    void payloadChangeOfAnAbsentIdIsNotFoundAndChangesNothing() {
        Shard shard = Shards.create(1, Distance.DOT, 0);
        shard.upsert(List.of(point(1, payload("a", 1), 1)));
        VJVectorException e = assertThrows(VJVectorException.class, () -> shard.updatePayload(
                List.of(PointId.of(1), PointId.of(9)), new PayloadUpdate.Clear()));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("No point with id 9 found", e.getMessage());
        assertEquals("{\"a\":1}", payloadOf(shard, 1));
    }

    private static String payloadOf(Shard shard, long id) {
        return shard.retrieve(List.of(PointId.of(id)), true, false).get(0).payload().toString();
    }

    @Test
    void wrongDimensionOrNonFiniteComponentIsBadRequestAndAppliesNothing() {
        Shard shard = Shards.create(3, Distance.COSINE, 0);
        VJVectorException size = assertThrows(VJVectorException.class,
                () -> shard.upsert(List.of(point(1, null, 1, 2, 3), point(2, null, 1, 2))));
        assertEquals(ErrorKind.BAD_REQUEST, size.kind());
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            VJVectorException e = assertThrows(VJVectorException.class, () -> shard.upsert(List.of(point(1, null, 1, bad, 3))));
            assertEquals(ErrorKind.BAD_REQUEST, e.kind());
            assertEquals("vector[1]", e.field());
        }
        assertEquals(0, shard.pointCount());
        assertEquals(0, shard.indexedVectorCount());
        assertEquals(ErrorKind.BAD_REQUEST, assertThrows(VJVectorException.class,
                () -> shard.search(search(new float[] {1, 2}, 1))).kind());
    }

    @Test
    void cosineVectorsAreStoredNormalised() {
        Shard shard = Shards.create(2, Distance.COSINE, 0);
        shard.upsert(List.of(point(1, null, 3, 4)));
        assertArrayEquals(new float[] {0.6f, 0.8f}, shard.retrieve(List.of(PointId.of(1)), false, true).get(0).vector(), 1e-6f);
        assertEquals(1f, shard.search(search(new float[] {6, 8}, 1)).get(0).score(), 1e-5);
    }

    @Test
    void scoreThresholdIsAMinimumScoreForSimilarities() {
        for (Distance d : new Distance[] {Distance.DOT, Distance.COSINE}) {
            Shard shard = Shards.create(2, d, 0);
            shard.upsert(List.of(point(1, null, 1, 0), point(2, null, 0.6f, 0.8f), point(3, null, 0, 1), point(4, null, -1, 0)));
            float threshold = 0.5f;
            List<ScoredHit> hits = shard.search(new ShardSearch(new float[] {1, 0}, 10, null, null, false, threshold, false, false));
            assertEquals(List.of(PointId.of(1), PointId.of(2)), ids(hits), d.toString());
            hits.forEach(h -> assertTrue(h.score() >= threshold));
        }
    }

    @Test
    void scoreThresholdIsAMaximumDistanceForDistances() {
        for (Distance d : new Distance[] {Distance.EUCLID, Distance.MANHATTAN}) {
            Shard shard = Shards.create(2, d, 0);
            shard.upsert(List.of(point(1, null, 0, 0), point(2, null, 1, 1), point(3, null, 3, 0), point(4, null, 5, 5)));
            List<ScoredHit> hits = shard.search(new ShardSearch(new float[] {0, 0}, 10, null, null, false, 2f, false, false));
            assertEquals(List.of(PointId.of(1), PointId.of(2)), ids(hits), d.toString());
            hits.forEach(h -> assertTrue(h.score() <= 2f));
            assertEquals(d == Distance.EUCLID ? (float) Math.sqrt(2) : 2f, hits.get(1).score(), 1e-5);
        }
    }

    @Test
    void emptyShardAndZeroKAnswerNothing() {
        Shard shard = Shards.create(2, Distance.DOT, 0);
        assertTrue(shard.search(search(new float[] {1, 0}, 3)).isEmpty());
        shard.upsert(List.of(point(1, null, 1, 0)));
        assertTrue(shard.search(search(new float[] {1, 0}, 0)).isEmpty());
        assertFalse(shard.search(search(new float[] {1, 0}, 1)).isEmpty());
    }

    @Test
    void exactScanLimitIsTheLargestOfThresholdLogRuleAndCostRule() {
        assertEquals(100_000, SearchPlanner.exactScanLimit(10, 1_000_000, 100_000, 16, 100));
        assertEquals((long) Math.ceil(10_000 * Math.log(1_000_000)), SearchPlanner.exactScanLimit(10_000, 1_000_000, 10, 16, 100));
        assertEquals((long) Math.sqrt(2.0 * 16 * 100 * 1_000_000), SearchPlanner.exactScanLimit(10, 1_000_000, 10, 16, 100));
    }
}
