package io.vjvector.cluster.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.engine.point.PointId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resolution of several copies' answers into one, as Qdrant resolves reads with a consistency. */
class CopyAgreementTest {

    private static ScoredPoint hit(long id, long version, float score) {
        return new ScoredPoint(PointId.of(id), version, score, null, null);
    }

    private static PointRecord record(long id, String color, float... vector) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("color", color);
        return new PointRecord(PointId.of(id), payload, vector);
    }

    private static List<Long> ids(List<ScoredPoint> hits) {
        return hits.stream().map(h -> ((PointId.Num) h.id()).value()).toList();
    }

    @Test
    void withEveryAnswerNeededOnlyHitsAllCopiesHoldAtTheSameVersionRemain() {
        List<ScoredPoint> a = List.of(hit(1, 5, 0.9f), hit(2, 6, 0.8f), hit(3, 7, 0.7f));
        List<ScoredPoint> b = List.of(hit(1, 5, 0.9f), hit(2, 9, 0.8f), hit(4, 8, 0.6f));
        assertEquals(List.of(1L), ids(CopyAgreement.hits(List.of(a, b), 2)));
    }

    @Test
    void aScoreDifferingInTheLastBitsIsStillTheSameHit() {
        List<ScoredPoint> a = List.of(hit(1, 5, 0.9f));
        List<ScoredPoint> b = List.of(hit(1, 5, Math.nextUp(0.9f)));
        assertEquals(List.of(1L), ids(CopyAgreement.hits(List.of(a, b), 2)));
    }

    @Test
    void withAMajorityNeededAHitTwoOfThreeCopiesHoldRemains() {
        List<ScoredPoint> a = List.of(hit(1, 5, 0.9f), hit(2, 6, 0.8f));
        List<ScoredPoint> b = List.of(hit(2, 6, 0.8f), hit(3, 7, 0.7f));
        List<ScoredPoint> c = List.of(hit(1, 5, 0.9f), hit(3, 7, 0.7f), hit(4, 8, 0.1f));
        assertEquals(List.of(1L, 2L, 3L), ids(CopyAgreement.hits(List.of(a, b, c), 2)));
    }

    @Test
    void recordsAgreeOnlyWhenPayloadAndVectorsAgree() {
        List<PointRecord> a = List.of(record(1, "red", 1, 2), record(2, "blue", 3, 4), record(3, "green", 5, 6));
        List<PointRecord> b = List.of(record(1, "red", 1, 2), record(2, "pink", 3, 4), record(3, "green", 5, 7));
        List<PointRecord> agreed = CopyAgreement.records(List.of(a, b), 2);
        assertEquals(List.of(PointId.of(1)), agreed.stream().map(PointRecord::id).toList());
    }

    @Test
    void aCountIsTheHighestThatEnoughCopiesReach() {
        assertEquals(5, CopyAgreement.count(List.of(7L, 5L, 6L), 3));
        assertEquals(6, CopyAgreement.count(List.of(7L, 5L, 6L), 2));
        assertEquals(7, CopyAgreement.count(List.of(7L), 1));
    }

    @Test
    void facetCountsResolvePerValueAndDropValuesTooFewCopiesHold() {
        Map<Object, Long> a = Map.of("red", 3L, "blue", 1L);
        Map<Object, Long> b = Map.of("red", 2L);
        assertEquals(Map.of("red", 2L), CopyAgreement.facetCounts(List.of(a, b), 2));
        assertEquals(Map.of("red", 3L, "blue", 1L), CopyAgreement.facetCounts(List.of(a, b), 1));
    }
}
