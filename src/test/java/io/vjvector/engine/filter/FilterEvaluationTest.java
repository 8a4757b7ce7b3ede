package io.vjvector.engine.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.engine.point.PointId;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Evaluation semantics, one row per case: filter, payload, expected. The rows follow Qdrant's
 * condition checker (lib/segment payload_storage/condition_checker.rs and query_checker.rs).
 */
class FilterEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PointId ID = PointId.of(7);

    static Stream<Arguments> cases() {
        return Stream.of(
                // match value: keyword / integer / bool, no type conversion
                row("{'must': {'key': 'c', 'match': {'value': 'red'}}}", "{'c': 'red'}", true),
                row("{'must': {'key': 'c', 'match': {'value': 'red'}}}", "{'c': 'Red'}", false),
                row("{'must': {'key': 'c', 'match': {'value': 'red'}}}", "{'c': ['blue', 'red']}", true),
                row("{'must': {'key': 'c', 'match': {'value': 'red'}}}", "{'c': [['red']]}", false),
                row("{'must': {'key': 'c', 'match': {'value': 'red'}}}", "{}", false),
                row("{'must': {'key': 'n', 'match': {'value': 3}}}", "{'n': 3}", true),
                row("{'must': {'key': 'n', 'match': {'value': 3}}}", "{'n': 3.0}", false),
                row("{'must': {'key': 'n', 'match': {'value': 3}}}", "{'n': '3'}", false),
                row("{'must': {'key': 'n', 'match': {'value': 3}}}", "{'n': [1, 2, 3]}", true),
                row("{'must': {'key': 'n', 'match': {'value': -9223372036854775808}}}",
                        "{'n': -9223372036854775808}", true),
                row("{'must': {'key': 'n', 'match': {'value': 1}}}", "{'n': 18446744073709551617}", false),
                row("{'must': {'key': 'b', 'match': {'value': true}}}", "{'b': true}", true),
                row("{'must': {'key': 'b', 'match': {'value': true}}}", "{'b': 'true'}", false),
                row("{'must': {'key': 'b', 'match': {'value': false}}}", "{'b': [true, false]}", true),
                row("{'must': {'key': 'b', 'match': {'value': true}}}", "{'b': 1}", false),
                // any
                row("{'must': {'key': 'c', 'match': {'any': ['black', 'yellow']}}}", "{'c': 'black'}", true),
                row("{'must': {'key': 'c', 'match': {'any': ['black', 'yellow']}}}", "{'c': ['green', 'yellow']}", true),
                row("{'must': {'key': 'c', 'match': {'any': ['black', 'yellow']}}}", "{'c': 'green'}", false),
                row("{'must': {'key': 'n', 'match': {'any': [1, 2]}}}", "{'n': 2}", true),
                row("{'must': {'key': 'n', 'match': {'any': [1, 2]}}}", "{'n': '2'}", false),
                row("{'must': {'key': 'n', 'match': {'any': []}}}", "{'n': 'x'}", false),
                // except: NOT IN over non-null values; missing, null and [] never match
                row("{'must': {'key': 'c', 'match': {'except': ['black']}}}", "{'c': 'green'}", true),
                row("{'must': {'key': 'c', 'match': {'except': ['black']}}}", "{'c': 'black'}", false),
                row("{'must': {'key': 'c', 'match': {'except': ['black']}}}", "{'c': ['black', 'green']}", true),
                row("{'must': {'key': 'c', 'match': {'except': ['black']}}}", "{'c': ['black']}", false),
                row("{'must': {'key': 'c', 'match': {'except': ['black']}}}", "{}", false),
                row("{'must': {'key': 'c', 'match': {'except': ['black']}}}", "{'c': null}", false),
                row("{'must': {'key': 'c', 'match': {'except': ['black']}}}", "{'c': []}", false),
                row("{'must': {'key': 'c', 'match': {'except': ['black']}}}", "{'c': [null]}", false),
                row("{'must': {'key': 'c', 'match': {'except': ['black']}}}", "{'c': 5}", true),
                row("{'must': {'key': 'c', 'match': {'except': ['black']}}}", "{'c': true}", true),
                row("{'must': {'key': 'c', 'match': {'except': ['black']}}}", "{'c': {'x': 1}}", true),
                row("{'must': {'key': 'c', 'match': {'except': ['black']}}}", "{'c': [['black']]}", true),
                row("{'must': {'key': 'n', 'match': {'except': [1]}}}", "{'n': 1}", false),
                row("{'must': {'key': 'n', 'match': {'except': [1]}}}", "{'n': 1.5}", true),
                row("{'must': {'key': 'n', 'match': {'except': [1]}}}", "{'n': 'one'}", true),
                row("{'must': {'key': 'n', 'match': {'except': []}}}", "{'n': 'anything'}", true),
                // text: substring (no full-text index, as Qdrant)
                row("{'must': {'key': 't', 'match': {'text': 'quick'}}}", "{'t': 'the quick fox'}", true),
                row("{'must': {'key': 't', 'match': {'text': 'Quick'}}}", "{'t': 'the quick fox'}", false),
                row("{'must': {'key': 't', 'match': {'text': 'x'}}}", "{'t': ['a', 'xyz']}", true),
                // text_any: some whitespace-separated word is a substring; phrase: the whole text is
                row("{'must': {'key': 't', 'match': {'text_any': 'wolf qui'}}}", "{'t': 'the quick fox'}", true),
                row("{'must': {'key': 't', 'match': {'text_any': 'wolf bear'}}}", "{'t': 'the quick fox'}", false),
                row("{'must': {'key': 't', 'match': {'text_any': '  '}}}", "{'t': 'the quick fox'}", false),
                row("{'must': {'key': 't', 'match': {'phrase': 'quick fox'}}}", "{'t': 'the quick fox'}", true),
                row("{'must': {'key': 't', 'match': {'phrase': 'fox quick'}}}", "{'t': 'the quick fox'}", false),
                row("{'must': {'key': 't', 'match': {'text': 'fox quick'}}}", "{'t': 'the quick fox'}", false),
                // range: ints and floats compare as doubles
                row("{'must': {'key': 'p', 'range': {'gt': 2.5}}}", "{'p': 3}", true),
                row("{'must': {'key': 'p', 'range': {'gt': 3}}}", "{'p': 3}", false),
                row("{'must': {'key': 'p', 'range': {'gte': 3}}}", "{'p': 3.0}", true),
                row("{'must': {'key': 'p', 'range': {'lt': 3, 'gte': 1}}}", "{'p': 2.999}", true),
                row("{'must': {'key': 'p', 'range': {'lte': 3}}}", "{'p': 3.0001}", false),
                row("{'must': {'key': 'p', 'range': {'gte': 0}}}", "{'p': -0.0}", true),
                row("{'must': {'key': 'p', 'range': {'gt': 10}}}", "{'p': [1, 20]}", true),
                row("{'must': {'key': 'p', 'range': {'gt': 10}}}", "{'p': '20'}", false),
                row("{'must': {'key': 'p', 'range': {}}}", "{'p': 1}", true),
                row("{'must': {'key': 'p', 'range': {}}}", "{'p': 'x'}", false),
                row("{'must': {'key': 'p', 'range': {'gt': null, 'lt': 5}}}", "{'p': 1}", true),
                // match and range together are OR-ed, as in Qdrant
                row("{'must': {'key': 'p', 'match': {'value': 100}, 'range': {'lt': 5}}}", "{'p': 100}", true),
                row("{'must': {'key': 'p', 'match': {'value': 100}, 'range': {'lt': 5}}}", "{'p': 1}", true),
                row("{'must': {'key': 'p', 'match': {'value': 100}, 'range': {'lt': 5}}}", "{'p': 50}", false),
                // nested paths: objects by '.', arrays only by '[]' or '[n]'
                row("{'must': {'key': 'a.b', 'match': {'value': 1}}}", "{'a': {'b': 1}}", true),
                row("{'must': {'key': 'a.b', 'match': {'value': 1}}}", "{'a': [{'b': 1}]}", false),
                row("{'must': {'key': 'a[].b', 'match': {'value': 1}}}", "{'a': [{'b': 2}, {'b': 1}]}", true),
                row("{'must': {'key': 'a[].b', 'match': {'value': 1}}}", "{'a': {'b': 1}}", false),
                row("{'must': {'key': 'a[1].b', 'match': {'value': 1}}}", "{'a': [{'b': 1}, {'b': 2}]}", false),
                row("{'must': {'key': 'a[1].b', 'match': {'value': 2}}}", "{'a': [{'b': 1}, {'b': 2}]}", true),
                row("{'must': {'key': 'a[5]', 'match': {'value': 2}}}", "{'a': [2]}", false),
                row("{'must': {'key': 'a[]', 'match': {'value': 2}}}", "{'a': [[1, 2]]}", true),
                row("{'must': {'key': 'a[].b[].c', 'range': {'gte': 5}}}",
                        "{'a': [{'b': [{'c': 1}]}, {'b': [{'c': 3}, {'c': 5}]}]}", true),
                row("{'must': {'key': 'country.cities[].population', 'range': {'gte': 9.0}}}",
                        "{'country': {'cities': [{'population': 3.7}, {'population': 9.3}]}}", true),
                row("{'must': {'key': '\\\"a.b\\\"', 'match': {'value': 1}}}", "{'a.b': 1}", true),
                row("{'must': {'key': '\\\"a.b\\\"', 'match': {'value': 1}}}", "{'a': {'b': 1}}", false),
                // is_empty: missing, null, [] and all-empty projections; [null] is not empty
                row("{'must': {'is_empty': {'key': 'x'}}}", "{}", true),
                row("{'must': {'is_empty': {'key': 'x'}}}", "{'x': null}", true),
                row("{'must': {'is_empty': {'key': 'x'}}}", "{'x': []}", true),
                row("{'must': {'is_empty': {'key': 'x'}}}", "{'x': [null]}", false),
                row("{'must': {'is_empty': {'key': 'x'}}}", "{'x': 0}", false),
                row("{'must': {'is_empty': {'key': 'x'}}}", "{'x': ''}", false),
                row("{'must': {'is_empty': {'key': 'x'}}}", "{'x': {}}", false),
                row("{'must': {'is_empty': {'key': 'a[].d'}}}", "{'a': [{'d': []}, {'d': null}, {'e': 1}]}", true),
                row("{'must': {'is_empty': {'key': 'a[].b'}}}", "{'a': [{'b': 1}, {'b': null}]}", false),
                row("{'must': {'is_empty': {'key': 'x.y'}}}", "{'x': 5}", true),
                // is_null: explicit null only
                row("{'must': {'is_null': {'key': 'x'}}}", "{'x': null}", true),
                row("{'must': {'is_null': {'key': 'x'}}}", "{}", false),
                row("{'must': {'is_null': {'key': 'x'}}}", "{'x': []}", false),
                row("{'must': {'is_null': {'key': 'x'}}}", "{'x': [null]}", false),
                row("{'must': {'is_null': {'key': 'x'}}}", "{'x': 0}", false),
                row("{'must': {'is_null': {'key': 'a[].b'}}}", "{'a': [{'b': 1}, {'b': null}]}", true),
                // is_empty / is_null inside should, must_not and nested
                row("{'must': [{'key': 'x', 'is_empty': true}]}", "{'x': []}", true),
                row("{'must': [{'key': 'x', 'is_empty': true}]}", "{'x': [1]}", false),
                row("{'must': [{'key': 'x', 'is_empty': false}]}", "{'x': [1]}", true),
                row("{'must': [{'key': 'x', 'is_empty': false}]}", "{}", false),
                row("{'must': [{'key': 'x', 'is_null': true}]}", "{'x': null}", true),
                row("{'must': [{'key': 'x', 'is_null': false}]}", "{'x': null}", false),
                row("{'must': [{'key': 'x', 'is_null': false}]}", "{}", true),
                row("{'should': [{'is_empty': {'key': 'x'}}, {'key': 'y', 'match': {'value': 1}}]}", "{'x': [], 'y': 2}", true),
                row("{'should': [{'is_null': {'key': 'x'}}, {'key': 'y', 'match': {'value': 1}}]}", "{'x': [], 'y': 2}", false),
                row("{'must_not': [{'is_empty': {'key': 'x'}}]}", "{'x': [1]}", true),
                row("{'must_not': [{'is_empty': {'key': 'x'}}]}", "{}", false),
                row("{'must_not': [{'is_null': {'key': 'x'}}]}", "{'x': null}", false),
                row("{'must_not': [{'is_null': {'key': 'x'}}]}", "{}", true),
                row("{'must': [{'nested': {'key': 'a', 'filter': {'must': [{'is_empty': {'key': 'b'}}, "
                        + "{'key': 'c', 'match': {'value': 1}}]}}}]}", "{'a': [{'b': [1], 'c': 1}, {'b': [], 'c': 1}]}", true),
                row("{'must': [{'nested': {'key': 'a', 'filter': {'must': [{'is_empty': {'key': 'b'}}, "
                        + "{'key': 'c', 'match': {'value': 1}}]}}}]}", "{'a': [{'b': [1], 'c': 1}, {'b': [], 'c': 2}]}", false),
                row("{'must': [{'nested': {'key': 'a', 'filter': {'must': [{'is_null': {'key': 'b'}}]}}}]}",
                        "{'a': [{'b': 1}, {'b': null}]}", true),
                row("{'must': [{'nested': {'key': 'a', 'filter': {'must_not': [{'is_null': {'key': 'b'}}]}}}]}",
                        "{'a': [{'b': null}]}", false),
                // has_id
                row("{'must': {'has_id': [1, 7, 9]}}", "{}", true),
                row("{'must': {'has_id': [1, 9]}}", "{}", false),
                row("{'must': {'has_id': []}}", "{}", false),
                row("{'must_not': {'has_id': [7]}}", "{}", false),
                // clauses
                row("{}", "{}", true),
                row("{'must': []}", "{'a': 1}", true),
                row("{'should': []}", "{'a': 1}", true),
                row("{'must_not': []}", "{'a': 1}", true),
                row("{'must': null, 'should': null}", "{}", true),
                row("{'should': [{'key': 'a', 'match': {'value': 1}}, {'key': 'a', 'match': {'value': 2}}]}",
                        "{'a': 2}", true),
                row("{'should': [{'key': 'a', 'match': {'value': 1}}, {'key': 'a', 'match': {'value': 2}}]}",
                        "{'a': 3}", false),
                row("{'must_not': [{'key': 'a', 'match': {'value': 1}}, {'key': 'b', 'match': {'value': 1}}]}",
                        "{'a': 2, 'b': 2}", true),
                row("{'must_not': [{'key': 'a', 'match': {'value': 1}}, {'key': 'b', 'match': {'value': 1}}]}",
                        "{'a': 2, 'b': 1}", false),
                row("{'must_not': {'key': 'a', 'match': {'value': 1}}}", "{}", true),
                row("{'must': {'key': 'city', 'match': {'value': 'London'}},"
                        + " 'must_not': {'key': 'color', 'match': {'value': 'red'}}}",
                        "{'city': 'London', 'color': 'green'}", true),
                row("{'must_not': [{'must': [{'key': 'city', 'match': {'value': 'London'}},"
                        + " {'key': 'color', 'match': {'value': 'red'}}]}]}",
                        "{'city': 'London', 'color': 'red'}", false),
                row("{'must_not': [{'must': [{'key': 'city', 'match': {'value': 'London'}},"
                        + " {'key': 'color', 'match': {'value': 'red'}}]}]}",
                        "{'city': 'Berlin', 'color': 'red'}", true),
                row("{'must': [{}]}", "{}", true),
                row("{'must_not': [{}]}", "{}", false),
                // min_should
                row(minShould(2), "{'a': 1, 'b': 1, 'c': 0}", true),
                row(minShould(2), "{'a': 1, 'b': 0, 'c': 0}", false),
                row(minShould(3), "{'a': 1, 'b': 1, 'c': 1}", true),
                row(minShould(4), "{'a': 1, 'b': 1, 'c': 1}", false),
                row(minShould(0), "{}", true),
                row("{'min_should': {'conditions': [], 'min_count': 1}}", "{}", false),
                row("{'min_should': {'conditions': [], 'min_count': 0}}", "{}", true),
                // payloads that are not objects reach no values
                row("{'must': {'is_empty': {'key': 'a'}}}", "[1, 2]", true),
                row("{'must': {'key': 'a', 'match': {'value': 1}}}", "5", false));
    }

    private static String minShould(int count) {
        return "{'min_should': {'conditions': [{'key': 'a', 'match': {'value': 1}}, {'key': 'b', 'match': {'value': 1}},"
                + " {'key': 'c', 'match': {'value': 1}}], 'min_count': " + count + "}}";
    }

    private static Arguments row(String filter, String payload, boolean expected) {
        return Arguments.of(filter, payload, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("cases")
    void evaluatesAsQdrant(String filter, String payload, boolean expected) throws Exception {
        Filter f = Filter.parse(json(filter), Filter.DEFAULT_MAX_DEPTH);
        assertEquals(expected, f.test(ID, json(payload)));
    }

    @Test
    void hasIdMatchesUuidsInAnyAcceptedSpellingButNotAcrossIdKinds() throws Exception {
        UUID uuid = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");
        PointId id = PointId.of(uuid);
        for (String spelling : new String[] {
            "550e8400-e29b-41d4-a716-446655440000",
            "550E8400-E29B-41D4-A716-446655440000",
            "550e8400e29b41d4a716446655440000",
            "{550e8400-e29b-41d4-a716-446655440000}",
            "urn:uuid:550e8400-e29b-41d4-a716-446655440000"}) {
            Filter f = Filter.parse(json("{'must': {'has_id': ['" + spelling + "', 5]}}"));
            assertTrue(f.test(id, null), spelling);
            assertTrue(f.test(PointId.of(5), null));
            assertFalse(f.test(PointId.of(6), null));
            assertFalse(f.test(PointId.of(new UUID(0, 5)), null));
        }
    }

    @Test
    void hasIdAcceptsTheWholeUnsignedRange() throws Exception {
        Filter f = Filter.parse(json("{'must': {'has_id': [18446744073709551615, 0]}}"));
        assertTrue(f.test(PointId.of(-1L), null));
        assertTrue(f.test(PointId.of(0), null));
        assertFalse(f.test(PointId.of(Long.MAX_VALUE), null));
    }

    @Test
    void nullPayloadIsAnEmptyObject() throws Exception {
        assertTrue(Filter.parse(json("{'must': {'is_empty': {'key': 'a'}}}")).test(ID, null));
        assertFalse(Filter.parse(json("{'must': {'key': 'a', 'match': {'except': ['x']}}}")).test(ID, null));
    }

    @Test
    void matchAllHelpers() throws Exception {
        assertTrue(Filter.matchAll().isMatchAll());
        assertTrue(Filter.parse(null, 4).isMatchAll());
        assertTrue(Filter.parse(json("null"), 4).isMatchAll());
        assertTrue(Filter.parse(json("{'must': [{}, {'must': []}], 'should': []}")).isMatchAll());
        assertFalse(Filter.parse(json("{'must_not': [{}]}")).isMatchAll());
        assertFalse(Filter.parse(json("{'must': {'has_id': [1]}}")).isMatchAll());
        assertTrue(Filter.matchAll().test(null, null));
    }

    static JsonNode json(String relaxed) throws Exception {
        return JSON.readTree(relaxed.replace('\'', '"'));
    }
}
