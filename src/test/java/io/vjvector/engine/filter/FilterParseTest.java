package io.vjvector.engine.filter;

import static io.vjvector.engine.filter.FilterEvaluationTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FilterParseTest {

    private static Filter parse(String relaxed) throws Exception {
        return Filter.parse(json(relaxed), Filter.DEFAULT_MAX_DEPTH);
    }

    private static Condition only(Filter f) {
        assertEquals(1, f.must().size());
        return f.must().get(0);
    }

    private static JsonPath path(String p) {
        return JsonPath.parse(p);
    }

    @Test
    void clausesAcceptAnArrayOrASingleConditionOrNull() throws Exception {
        Condition c = new Condition.Field(path("a"), new Match.Keyword("x"), null);
        Filter viaArray = parse("{'must': [{'key': 'a', 'match': {'value': 'x'}}]}");
        Filter viaObject = parse("{'must': {'key': 'a', 'match': {'value': 'x'}}}");
        assertEquals(List.of(c), viaArray.must());
        assertEquals(viaArray, viaObject);
        assertEquals(Filter.matchAll(), parse("{'must': null, 'should': null, 'must_not': null, 'min_should': null}"));
        Filter all = parse("{'should': {'key': 'a', 'match': {'value': 'x'}}, 'must_not': [{'key': 'a', 'match': {'value': 'x'}}]}");
        assertEquals(List.of(c), all.should());
        assertEquals(List.of(c), all.mustNot());
    }

    @Test
    void matchKindsAreTyped() throws Exception {
        assertEquals(new Match.Keyword("red"), ((Condition.Field) only(parse("{'must': {'key': 'c', 'match': {'value': 'red'}}}"))).match());
        assertEquals(new Match.Integral(-5), ((Condition.Field) only(parse("{'must': {'key': 'c', 'match': {'value': -5}}}"))).match());
        assertEquals(new Match.Bool(false), ((Condition.Field) only(parse("{'must': {'key': 'c', 'match': {'value': false}}}"))).match());
        assertEquals(new Match.Text("fox"), ((Condition.Field) only(parse("{'must': {'key': 'c', 'match': {'text': 'fox'}}}"))).match());
        assertEquals(new Match.Any(MatchValues.keywords(List.of("a", "b"))),
                ((Condition.Field) only(parse("{'must': {'key': 'c', 'match': {'any': ['a', 'b']}}}"))).match());
        assertEquals(new Match.Any(MatchValues.integers(3, 1)),
                ((Condition.Field) only(parse("{'must': {'key': 'c', 'match': {'any': [1, 3]}}}"))).match());
        assertEquals(new Match.Except(MatchValues.integers(7)),
                ((Condition.Field) only(parse("{'must': {'key': 'c', 'match': {'except': [7]}}}"))).match());
        Match empty = ((Condition.Field) only(parse("{'must': {'key': 'c', 'match': {'except': []}}}"))).match();
        assertTrue(((Match.Except) empty).values().isKeywords(), "an empty list counts as strings, as in Qdrant");
    }

    @Test
    void rangeBoundsAreDoublesAndNullMeansAbsent() throws Exception {
        Condition.Field f = (Condition.Field) only(parse("{'must': {'key': 'p', 'range': {'gt': 1, 'gte': null, 'lt': 2.5, 'lte': 1e3}}}"));
        assertEquals(new Range(1.0, null, 2.5, 1000.0), f.range());
        assertNull(f.match());
        Condition.Field both = (Condition.Field) only(parse("{'must': {'key': 'p', 'match': {'value': 1}, 'range': {'gt': 1}}}"));
        assertEquals(new Match.Integral(1), both.match());
        assertEquals(new Range(1.0, null, null, null), both.range());
    }

    @Test
    void keysAreQdrantPaths() throws Exception {
        Condition.Field f = (Condition.Field) only(parse("{'must': {'key': 'a.b[].c[2].\\\"d e\\\"', 'match': {'value': 1}}}"));
        JsonPath key = f.key();
        assertEquals(6, key.length());
        assertEquals(JsonPath.Kind.WILDCARD, key.kind(2));
        assertEquals(2, key.index(4));
        assertEquals("d e", key.key(5));
        assertEquals("a.b[].c[2].\"d e\"", key.toString());
    }

    @Test
    void emptinessAndIdConditions() throws Exception {
        assertEquals(new Condition.IsEmpty(path("a.b")), only(parse("{'must': {'is_empty': {'key': 'a.b'}}}")));
        assertEquals(new Condition.IsNull(path("a[]")), only(parse("{'must': {'is_null': {'key': 'a[]'}}}")));
        UUID uuid = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");
        assertEquals(new Condition.HasId(Set.of(PointId.of(1), PointId.of(-1L), PointId.of(uuid))),
                only(parse("{'must': {'has_id': [1, 18446744073709551615, '550e8400-e29b-41d4-a716-446655440000', 1]}}")));
    }

    @Test
    void nestedFiltersAndMinShould() throws Exception {
        Filter f = parse("{'must': [{'should': [{'key': 'a', 'match': {'value': 1}}], 'must_not': {'has_id': [2]}}],"
                + " 'min_should': {'conditions': [{'key': 'a', 'match': {'value': 1}}, {'must': []}], 'min_count': 1}}");
        Filter inner = ((Condition.Sub) f.must().get(0)).filter();
        assertEquals(1, inner.should().size());
        assertEquals(new Condition.HasId(Set.of(PointId.of(2))), inner.mustNot().get(0));
        assertEquals(1, f.minShould().minCount());
        assertEquals(2, f.minShould().conditions().size());
        assertEquals(new Condition.Sub(Filter.matchAll()), f.minShould().conditions().get(1));
        assertEquals(new Condition.Sub(Filter.matchAll()), only(parse("{'must': [{}]}")));
    }

    @Test
    void depthCountsTheOutermostFilterAsOne() throws Exception {
        String depth3 = "{'must': {'must': {'must': {'key': 'a', 'match': {'value': 1}}}}}";
        Filter.parse(json(depth3), 3);
        FilterException e = assertThrows(FilterException.class, () -> Filter.parse(json(depth3), 2));
        assertEquals("filter.must.must", e.path());
        assertEquals("filter", assertThrows(FilterException.class, () -> Filter.parse(json("{}"), 0)).path());
        String viaMinShould = "{'min_should': {'conditions': [{'must': [{'must': []}]}], 'min_count': 1}}";
        Filter.parse(json(viaMinShould), 3);
        assertEquals("filter.min_should.conditions[0].must[0]",
                assertThrows(FilterException.class, () -> Filter.parse(json(viaMinShould), 2)).path());
    }

    @Test
    void deepNestingIsRejectedWithoutStackOverflow() throws Exception {
        FilterException e = assertThrows(FilterException.class, () -> Filter.parse(nested(5_000), 16));
        assertEquals("filter" + ".must[0]".repeat(16), e.path());
        assertTrue(e.getMessage().contains("at most 16"), e.getMessage());
        // Even with no limit the parser answers with a FilterException, never a StackOverflowError
        // (on a thread with a small stack, so that a modest tree overflows it).
        ObjectNode deep = nested(20_000);
        Throwable[] thrown = new Throwable[1];
        Thread small = new Thread(null, () -> {
            try {
                Filter.parse(deep, Integer.MAX_VALUE);
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertTrue(thrown[0] instanceof FilterException, String.valueOf(thrown[0]));
        assertEquals("filter", ((FilterException) thrown[0]).path());
    }

    /** A tree built in memory: JSON text this deep would already be refused by the JSON reader. */
    private static ObjectNode nested(int levels) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode current = root;
        for (int i = 0; i < levels; i++) {
            current = current.putArray("must").addObject();
        }
        return root;
    }
}
