package io.vjvector.engine.filter;

import static io.vjvector.engine.filter.FilterEvaluationTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vjvector.engine.point.PointId;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code is_tenant} and {@code is_principal} steer the narrowing: their conditions lead it, the
 * tenant's size is known exactly, and whatever the order the candidates stay a superset of the
 * matches (checked against every point's own evaluation).
 */
class TenantPrincipalPlanningTest {

    private static final int POINTS = 1000;

    /** tenant: "small" for ordinals under 20, else "big"; n: the ordinal; city: "a" for even ordinals. */
    private static Map<Integer, JsonNode> points() {
        Map<Integer, JsonNode> m = new LinkedHashMap<>();
        for (int i = 0; i < POINTS; i++) {
            m.put(i, JsonNodeFactory.instance.objectNode().put("tenant", i < 20 ? "small" : "big").put("n", i)
                    .put("city", i % 2 == 0 ? "a" : "b"));
        }
        return m;
    }

    private static PayloadFieldSchema schema(PayloadSchemaType type, Boolean tenant, Boolean principal) {
        return new PayloadFieldSchema(type, new PayloadFieldSchema.Options(tenant, principal, null, null, null, null), null);
    }

    private static PayloadIndexes indexes(boolean flags) {
        PayloadIndexes indexes = new PayloadIndexes();
        indexes.create("tenant", flags ? schema(PayloadSchemaType.KEYWORD, true, null)
                : PayloadFieldSchema.of(PayloadSchemaType.KEYWORD), points().entrySet());
        indexes.create("n", flags ? schema(PayloadSchemaType.INTEGER, null, true)
                : PayloadFieldSchema.of(PayloadSchemaType.INTEGER), points().entrySet());
        indexes.create("city", PayloadSchemaType.KEYWORD, points().entrySet());
        return indexes;
    }

    private static Filter filter(String s) throws Exception {
        return Filter.parse(json(s));
    }

    private static String leadingKey(PayloadIndexes indexes, Filter f) {
        return ((Condition.Field) indexes.narrowingOrder(f).get(0)).key().toString();
    }

    /** The candidates hold every point the filter matches. */
    private static void assertSuperset(PayloadIndexes indexes, Filter f) {
        BitSet candidates = indexes.candidates(f).orElseThrow();
        points().forEach((ord, payload) -> {
            if (f.test(PointId.of(ord), payload)) {
                assertTrue(candidates.get(ord), "ordinal " + ord + " matches but is not a candidate");
            }
        });
    }

    @Test
    void aTenantMatchLeadsTheNarrowingEvenWhenAnotherConditionIsSmaller() throws Exception {
        Filter f = filter("{'must': [{'key': 'n', 'range': {'lt': 100}}, {'key': 'tenant', 'match': {'value': 'big'}}]}");
        assertEquals("n", leadingKey(indexes(false), f), "without the flag the smaller condition leads");
        PayloadIndexes flagged = indexes(true);
        assertEquals("tenant", leadingKey(flagged, f));
        assertEquals(980, flagged.tenantCardinality(f), "the tenant's own size, exact");
        assertSuperset(flagged, f);
        assertSuperset(indexes(false), f);
        assertEquals(80, flagged.candidates(f).orElseThrow().cardinality(), "the range (100 <= 8 × 980) is intersected");
    }

    @Test
    void aSmallTenantIsNotCutByABroadConditionThatPerPointTestsHandle() throws Exception {
        Filter f = filter("{'must': [{'key': 'city', 'match': {'value': 'a'}}, {'key': 'tenant', 'match': {'value': 'small'}}]}");
        PayloadIndexes flagged = indexes(true);
        assertEquals(20, flagged.tenantCardinality(f));
        // city allows 500 > 8 × 20 points: not materialised; the 20 tenant points are the candidates.
        assertEquals(20, flagged.candidates(f).orElseThrow().cardinality());
        assertSuperset(flagged, f);
    }

    @Test
    void aPrincipalRangeLeadsOverOtherConditions() throws Exception {
        Filter f = filter("{'must': [{'key': 'city', 'match': {'value': 'a'}}, {'key': 'n', 'range': {'gte': 0, 'lt': 900}}]}");
        assertEquals("city", leadingKey(indexes(false), f));
        PayloadIndexes flagged = indexes(true);
        assertEquals("n", leadingKey(flagged, f));
        assertEquals(450, flagged.candidates(f).orElseThrow().cardinality(), "both conditions narrow: same answer either way");
        assertEquals(indexes(false).candidates(f), flagged.candidates(f));
        assertEquals(-1, flagged.tenantCardinality(f), "no tenant named");
    }

    @Test
    void onlyMustMatchesOnATenantKeyNameATenant() throws Exception {
        PayloadIndexes flagged = indexes(true);
        assertEquals(20, flagged.tenantCardinality(filter(
                "{'must': [{'must': [{'key': 'tenant', 'match': {'value': 'small'}}]}]}")), "a nested must restricts as much");
        assertEquals(-1, flagged.tenantCardinality(filter("{'should': [{'key': 'tenant', 'match': {'value': 'small'}}]}")));
        assertEquals(-1, flagged.tenantCardinality(filter("{'must_not': [{'key': 'tenant', 'match': {'value': 'small'}}]}")));
        assertEquals(-1, indexes(false).tenantCardinality(filter("{'must': [{'key': 'tenant', 'match': {'value': 'small'}}]}")));
        assertEquals(0, flagged.tenantCardinality(filter("{'must': [{'key': 'tenant', 'match': {'value': 'none'}}]}")));
    }

    @Test
    void everyOrderGivesASupersetOfTheMatches() throws Exception {
        for (String s : List.of(
                "{'must': [{'key': 'city', 'match': {'value': 'b'}}, {'key': 'tenant', 'match': {'value': 'small'}}, {'key': 'n', 'range': {'gt': 5}}]}",
                "{'must': [{'key': 'n', 'range': {'gt': 990}}, {'key': 'tenant', 'match': {'value': 'big'}}]}",
                "{'must': [{'key': 'tenant', 'match': {'any': ['small', 'big']}}, {'key': 'city', 'match': {'value': 'a'}}]}")) {
            for (boolean flags : new boolean[] {false, true}) {
                assertSuperset(indexes(flags), filter(s));
            }
        }
    }
}
