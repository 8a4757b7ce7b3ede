package io.vjvector.engine.filter;

import static io.vjvector.engine.filter.FilterEvaluationTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rejected construct names the offending JSON path and says what is expected. */
class FilterErrorTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                row("[]", "filter", "expected a filter object"),
                row("'must'", "filter", "expected a filter object"),
                row("{'limit': 10}", "filter.limit", "unknown field"),
                row("{'must': 5}", "filter.must", "expected a condition or an array"),
                row("{'must': 'x'}", "filter.must", "expected a condition or an array"),
                row("{'should': [1]}", "filter.should[0]", "expected a condition object"),
                row("{'must_not': [{'key': 'a', 'match': {'value': 1}}, null]}", "filter.must_not[1]", "expected a condition object"),
                row("{'must': [{'foo': 1}]}", "filter.must[0].foo", "unknown field"),
                row("{'must': [{'must': [], 'limit': 1}]}", "filter.must[0].limit", "unknown field"),
                // field conditions
                row("{'must': [{'key': 'a'}]}", "filter.must[0]", "needs one of match, range, geo_radius"),
                row("{'must': [{'key': 'a', 'match': null}]}", "filter.must[0]", "needs one of match, range"),
                row("{'must': [{'key': 5, 'match': {'value': 1}}]}", "filter.must[0].key", "payload path string"),
                row("{'must': [{'key': null, 'match': {'value': 1}}]}", "filter.must[0].key", "payload path string"),
                row("{'must': [{'key': '', 'match': {'value': 1}}]}", "filter.must[0].key", "cannot be empty"),
                row("{'must': [{'key': 'a..b', 'match': {'value': 1}}]}", "filter.must[0].key", "invalid payload path"),
                row("{'must': [{'key': 'a[x]', 'match': {'value': 1}}]}", "filter.must[0].key", "invalid payload path"),
                row("{'must': [{'key': 'a b', 'match': {'value': 1}}]}", "filter.must[0].key", "invalid payload path"),
                row("{'must': [{'key': 'a', 'match': {'value': 1}, 'foo': 1}]}", "filter.must[0].foo", "unknown field"),
                row("{'must': [{'key': 'a', 'is_empty': 'yes'}]}", "filter.must[0].is_empty", "expected true or false"),
                row("{'must': [{'key': 'a', 'is_null': 1}]}", "filter.must[0].is_null", "expected true or false"),
                // match
                row("{'must': [{'key': 'a', 'match': 1}]}", "filter.must[0].match", "expected an object"),
                row("{'must': [{'key': 'a', 'match': {}}]}", "filter.must[0].match", "exactly one of"),
                row("{'must': [{'key': 'a', 'match': {'value': 1, 'any': [1]}}]}", "filter.must[0].match", "exactly one of"),
                row("{'must': [{'key': 'a', 'match': {'values': 1}}]}", "filter.must[0].match.values", "unknown match kind"),
                row("{'must': [{'key': 'a', 'match': {'text_any': 1}}]}", "filter.must[0].match.text_any", "expected a string"),
                row("{'must': [{'key': 'a', 'match': {'phrase': ['x']}}]}", "filter.must[0].match.phrase", "expected a string"),
                row("{'must': [{'key': 'a', 'match': {'value': 1.5}}]}", "filter.must[0].match.value", "a string, a 64-bit integer or a boolean"),
                row("{'must': [{'key': 'a', 'match': {'value': 1.0}}]}", "filter.must[0].match.value", "a string, a 64-bit integer"),
                row("{'must': [{'key': 'a', 'match': {'value': null}}]}", "filter.must[0].match.value", "a string"),
                row("{'must': [{'key': 'a', 'match': {'value': [1]}}]}", "filter.must[0].match.value", "a string"),
                row("{'must': [{'key': 'a', 'match': {'value': 9223372036854775808}}]}", "filter.must[0].match.value", "64-bit"),
                row("{'must': [{'key': 'a', 'match': {'any': 'x'}}]}", "filter.must[0].match.any", "expected an array"),
                row("{'must': [{'key': 'a', 'match': {'any': ['x', 1]}}]}", "filter.must[0].match.any[1]", "expected a string"),
                row("{'must': [{'key': 'a', 'match': {'any': [1, 'x']}}]}", "filter.must[0].match.any[1]", "expected a 64-bit integer"),
                row("{'must': [{'key': 'a', 'match': {'any': [true]}}]}", "filter.must[0].match.any[0]", "a string or a 64-bit integer"),
                row("{'must': [{'key': 'a', 'match': {'except': [1, 2.5]}}]}", "filter.must[0].match.except[1]", "64-bit integer"),
                row("{'must': [{'key': 'a', 'match': {'text': 5}}]}", "filter.must[0].match.text", "expected a string"),
                // range
                row("{'must': [{'key': 'a', 'range': 5}]}", "filter.must[0].range", "gt, gte, lt and/or lte"),
                row("{'must': [{'key': 'a', 'range': {'gt': 'soon'}}]}", "filter.must[0].range.gt", "not a datetime; expected RFC 3339"),
                row("{'must': [{'key': 'a', 'range': {'gt': '2020-13-01'}}]}", "filter.must[0].range.gt", "not a datetime"),
                row("{'must': [{'key': 'a', 'range': {'gt': '2020-01-01', 'lt': 5}}]}", "filter.must[0].range.lt", "expected a datetime string"),
                row("{'must': [{'key': 'a', 'range': {'gt': 1, 'lt': '2020-01-01'}}]}", "filter.must[0].range.lt", "expected a number, as the other bounds"),
                row("{'must': [{'key': 'a', 'range': {'after': '2020-01-01'}}]}", "filter.must[0].range.after", "unknown field"),
                // values_count
                row("{'must': [{'key': 'a', 'values_count': 2}]}", "filter.must[0].values_count", "gt, gte, lt and/or lte"),
                row("{'must': [{'key': 'a', 'values_count': {'gt': -1}}]}", "filter.must[0].values_count.gt", "non-negative integer"),
                row("{'must': [{'key': 'a', 'values_count': {'lt': 1.5}}]}", "filter.must[0].values_count.lt", "non-negative integer"),
                row("{'must': [{'key': 'a', 'values_count': {'eq': 1}}]}", "filter.must[0].values_count.eq", "unknown field"),
                // geo
                row("{'must': [{'key': 'a', 'geo_radius': {}}]}", "filter.must[0].geo_radius.radius", "required"),
                row("{'must': [{'key': 'a', 'geo_radius': {'radius': 5}}]}", "filter.must[0].geo_radius.center", "required"),
                row("{'must': [{'key': 'a', 'geo_radius': {'center': {'lon': 1, 'lat': 2}, 'radius': -1}}]}",
                        "filter.must[0].geo_radius.radius", "non-negative"),
                row("{'must': [{'key': 'a', 'geo_radius': {'center': {'lon': 181, 'lat': 2}, 'radius': 1}}]}",
                        "filter.must[0].geo_radius.center.lon", "from -180 to 180"),
                row("{'must': [{'key': 'a', 'geo_radius': {'center': {'lon': 1, 'lat': '2'}, 'radius': 1}}]}",
                        "filter.must[0].geo_radius.center.lat", "from -90 to 90"),
                row("{'must': [{'key': 'a', 'geo_radius': {'center': {'lon': 1, 'lat': 2, 'alt': 3}, 'radius': 1}}]}",
                        "filter.must[0].geo_radius.center.alt", "unknown field"),
                row("{'must': [{'key': 'a', 'geo_bounding_box': {}}]}", "filter.must[0].geo_bounding_box.top_left", "required"),
                row("{'must': [{'key': 'a', 'geo_bounding_box': {'top_left': {'lon': 0, 'lat': 0}, 'bottom_right': {'lon': 1, 'lat': 1}}}]}",
                        "filter.must[0].geo_bounding_box", "top_left.lat must not be below"),
                row("{'must': [{'key': 'a', 'geo_polygon': {}}]}", "filter.must[0].geo_polygon.exterior", "required"),
                row("{'must': [{'key': 'a', 'geo_polygon': {'exterior': {'points': [{'lon': 0, 'lat': 0}]}}}]}",
                        "filter.must[0].geo_polygon.exterior.points", "at least 4"),
                row("{'must': [{'key': 'a', 'geo_polygon': {'exterior': {'points': [{'lon': 0, 'lat': 0}, {'lon': 1, 'lat': 0},"
                        + " {'lon': 1, 'lat': 1}, {'lon': 0, 'lat': 1}]}}}]}",
                        "filter.must[0].geo_polygon.exterior.points", "must be closed"),
                row("{'must': [{'key': 'a', 'geo_polygon': {'exterior': {'points': []}, 'interiors': 1}}]}",
                        "filter.must[0].geo_polygon.exterior.points", "at least 4"),
                row("{'must': [{'key': 'a', 'range': {'gte': true}}]}", "filter.must[0].range.gte", "expected a number"),
                row("{'must': [{'key': 'a', 'range': {'lt': 1e999}}]}", "filter.must[0].range.lt", "out of range"),
                row("{'must': [{'key': 'a', 'range': {'eq': 1}}]}", "filter.must[0].range.eq", "unknown field"),
                row("{'must': [{'key': 'a', 'range': {'lte': [1]}}]}", "filter.must[0].range.lte", "expected a number"),
                // other condition kinds
                row("{'must': [{'is_empty': 'a'}]}", "filter.must[0].is_empty", "expected {\"key\""),
                row("{'must': [{'is_empty': {}}]}", "filter.must[0].is_empty.key", "required"),
                row("{'must': [{'is_empty': {'key': 1}}]}", "filter.must[0].is_empty.key", "payload path"),
                row("{'must': [{'is_empty': {'key': 'a', 'x': 1}}]}", "filter.must[0].is_empty.x", "unknown field"),
                row("{'must': [{'is_empty': {'key': 'a'}, 'must': []}]}", "filter.must[0].must", "unexpected next to \"is_empty\""),
                row("{'must': [{'is_null': {'key': 'a['}}]}", "filter.must[0].is_null.key", "invalid payload path"),
                row("{'must': [{'has_id': 1}]}", "filter.must[0].has_id", "array of point ids"),
                row("{'must': [{'has_id': [1, -1]}]}", "filter.must[0].has_id[1]", "unsigned integer or a UUID"),
                row("{'must': [{'has_id': [1.5]}]}", "filter.must[0].has_id[0]", "unsigned integer or a UUID"),
                row("{'must': [{'has_id': [18446744073709551616]}]}", "filter.must[0].has_id[0]", "unsigned integer"),
                row("{'must': [{'has_id': ['not-a-uuid']}]}", "filter.must[0].has_id[0]", "UUID"),
                row("{'must': [{'has_id': ['1-2-3-4-5']}]}", "filter.must[0].has_id[0]", "UUID"),
                row("{'must': [{'has_id': ['12']}]}", "filter.must[0].has_id[0]", "UUID"),
                row("{'must': [{'has_id': [1], 'key': 'a'}]}", "filter.must[0].has_id", "unknown field"),
                row("{'must': [{'nested': 'a'}]}", "filter.must[0].nested", "expected {\"key\""),
                row("{'must': [{'nested': {'filter': {}}}]}", "filter.must[0].nested.key", "required"),
                row("{'must': [{'nested': {'key': 'a'}}]}", "filter.must[0].nested.filter", "required"),
                row("{'must': [{'nested': {'key': 'a', 'filter': {}, 'x': 1}}]}", "filter.must[0].nested.x", "unknown field"),
                row("{'must': [{'nested': {'key': 'a', 'filter': {'must': {'has_id': [1]}}}}]}",
                        "filter.must[0].nested.filter.must.has_id", "not supported inside a nested filter"),
                row("{'must': [{'nested': {'key': 'a', 'filter': {'must': {'key': 'b', 'range': {'gt': 'x'}}}}}]}",
                        "filter.must[0].nested.filter.must.range.gt", "not a datetime"),
                row("{'must': [{'has_vector': 1}]}", "filter.must[0].has_vector", "expected a vector name"),
                row("{'must': [{'slice': {'total': 2, 'index': 0}}]}", "filter.must[0].slice", "not supported"),
                // min_should
                row("{'min_should': []}", "filter.min_should", "expected {\"conditions\""),
                row("{'min_should': {'min_count': 1}}", "filter.min_should.conditions", "required"),
                row("{'min_should': {'conditions': []}}", "filter.min_should.min_count", "required"),
                row("{'min_should': {'conditions': {}, 'min_count': 1}}", "filter.min_should.conditions", "array of conditions"),
                row("{'min_should': {'conditions': [], 'min_count': -1}}", "filter.min_should.min_count", "non-negative integer"),
                row("{'min_should': {'conditions': [], 'min_count': 1.5}}", "filter.min_should.min_count", "non-negative integer"),
                row("{'min_should': {'conditions': [], 'min_count': 1, 'x': 0}}", "filter.min_should.x", "unknown field"),
                row("{'min_should': {'conditions': [{'key': 'a', 'range': {'gt': 'x'}}], 'min_count': 1}}",
                        "filter.min_should.conditions[0].range.gt", "not a datetime"),
                // errors deep inside nested filters keep the whole path
                row("{'should': [{'must_not': [{'key': 'a', 'range': {'gt': 'x'}}]}]}", "filter.should[0].must_not[0].range.gt", "not a datetime"),
                row("{'must': {'must': {'key': 'a', 'match': {'any': [1, 'b']}}}}", "filter.must.must.match.any[1]", "64-bit integer"));
    }

    private static Arguments row(String filter, String path, String rule) {
        return Arguments.of(filter, path, rule);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void namesThePathAndTheRule(String filter, String path, String rule) throws Exception {
        FilterException e = assertThrows(FilterException.class, () -> Filter.parse(json(filter), Filter.DEFAULT_MAX_DEPTH));
        assertEquals(path, e.path());
        assertTrue(e.getMessage().contains(rule), () -> "message '" + e.getMessage() + "' lacks '" + rule + "'");
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    }
}
