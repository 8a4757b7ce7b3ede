package io.vjvector.engine.filter;

import static io.vjvector.engine.filter.FilterEvaluationTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.engine.point.PointId;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Datetime ranges, values_count, geo conditions and nested filters, one row per case: filter,
 * payload, expected. Semantics as Qdrant's condition checker.
 */
class ValueConditionsEvaluationTest {

    private static final PointId ID = PointId.of(3);
    private static final String BERLIN = "{'lon': 13.4050, 'lat': 52.5200}";
    private static final String POTSDAM = "{'lon': 13.0645, 'lat': 52.3906}";
    private static final String MOSCOW = "{'lon': 37.6173, 'lat': 55.7558}";
    /** Around Berlin only (a closed ring). */
    private static final String BERLIN_RING = "[{'lon': 13.0, 'lat': 52.3}, {'lon': 13.8, 'lat': 52.3},"
            + " {'lon': 13.8, 'lat': 52.7}, {'lon': 13.0, 'lat': 52.7}, {'lon': 13.0, 'lat': 52.3}]";
    /** A hole around Berlin's centre, leaving its outskirts (and Potsdam's south-west) outside. */
    private static final String CENTRE_HOLE = "[{'lon': 13.3, 'lat': 52.45}, {'lon': 13.5, 'lat': 52.45},"
            + " {'lon': 13.5, 'lat': 52.6}, {'lon': 13.3, 'lat': 52.6}, {'lon': 13.3, 'lat': 52.45}]";

    static Stream<Arguments> cases() {
        return Stream.of(
                // datetime ranges: RFC 3339 and the shorter forms Qdrant accepts; no offset means UTC
                row(datetime("'gte': '2023-02-08T10:49:00Z'"), "{'t': '2023-02-08T10:49:00Z'}", true),
                row(datetime("'gt': '2023-02-08T10:49:00Z'"), "{'t': '2023-02-08T10:49:00Z'}", false),
                row(datetime("'gt': '2023-02-08T10:49:00Z'"), "{'t': '2023-02-08T10:49:00.000001Z'}", true),
                row(datetime("'lt': '2023-02-08T10:49:00Z'"), "{'t': '2023-02-08T11:48:00+01:00'}", true),
                row(datetime("'lt': '2023-02-08T10:49:00Z'"), "{'t': '2023-02-08T11:50:00+01:00'}", false),
                row(datetime("'gte': '2023-02-08 10:49'", "'lte': '2023-02-08'"), "{'t': '2023-02-08T10:49:00'}", false),
                row(datetime("'gte': '2023-02-08', 'lt': '2023-02-09'"), "{'t': '2023-02-08 23:59:59'}", true),
                row(datetime("'gte': '2023-02-08', 'lt': '2023-02-09'"), "{'t': '2023-02-09'}", false),
                row(datetime("'gte': '2023-02-08T00:00:00+0100'"), "{'t': '2023-02-07T23:00:00Z'}", true),
                row(datetime("'gte': '2023-01-01'"), "{'t': ['1999-01-01', '2024-01-01']}", true),
                row(datetime("'gte': '2023-01-01'"), "{'t': 1700000000}", false),
                row(datetime("'gte': '2023-01-01'"), "{'t': 'yesterday'}", false),
                row(datetime("'gte': '2023-01-01'"), "{}", false),
                row(datetime("'gt': null, 'lte': '2023-01-01'"), "{'t': '2022-12-31'}", true),
                // values_count: arrays count elements, null nothing, anything else one; missing counts zero
                row(count("'gt': 2"), "{'c': [1, 2, 3]}", true),
                row(count("'gt': 2"), "{'c': [1, 2]}", false),
                row(count("'lte': 1"), "{'c': 'one'}", true),
                row(count("'lt': 1"), "{'c': null}", true),
                row(count("'lt': 1"), "{'c': []}", true),
                row(count("'lt': 1"), "{}", true),
                row(count("'gte': 1"), "{}", false),
                row("{'must': {'key': 'c[].x', 'values_count': {'gte': 3}}}", "{'c': [{'x': 1}, {'x': [2, 3]}]}", true),
                // geo_radius: haversine, strictly closer than the radius (Berlin-Potsdam is ~27 km)
                row(radius(BERLIN, 30_000), "{'loc': " + POTSDAM + "}", true),
                row(radius(BERLIN, 20_000), "{'loc': " + POTSDAM + "}", false),
                row(radius(BERLIN, 2_000_000), "{'loc': " + MOSCOW + "}", true),
                row(radius(BERLIN, 1_500_000), "{'loc': " + MOSCOW + "}", false),
                row(radius(BERLIN, 1), "{'loc': [" + MOSCOW + ", " + BERLIN + "]}", true),
                row(radius(BERLIN, 1_000), "{'loc': 'Berlin'}", false),
                row(radius(BERLIN, 1_000), "{'loc': {'lon': 13.405}}", false),
                row(radius(BERLIN, 1_000), "{'loc': {'lon': 13.405, 'lat': 95}}", false),
                row(radius(BERLIN, 1_000), "{}", false),
                // geo_bounding_box, also across the antimeridian
                row(box("{'lon': 13.0, 'lat': 52.7}", "{'lon': 13.8, 'lat': 52.3}"), "{'loc': " + BERLIN + "}", true),
                row(box("{'lon': 13.0, 'lat': 52.7}", "{'lon': 13.8, 'lat': 52.3}"), "{'loc': " + MOSCOW + "}", false),
                row(box("{'lon': 170, 'lat': 10}", "{'lon': -170, 'lat': -10}"), "{'loc': {'lon': 179.5, 'lat': 0}}", true),
                row(box("{'lon': 170, 'lat': 10}", "{'lon': -170, 'lat': -10}"), "{'loc': {'lon': -175, 'lat': 0}}", true),
                row(box("{'lon': 170, 'lat': 10}", "{'lon': -170, 'lat': -10}"), "{'loc': {'lon': 0, 'lat': 0}}", false),
                // geo_polygon with a hole
                row(polygon(BERLIN_RING, null), "{'loc': " + BERLIN + "}", true),
                row(polygon(BERLIN_RING, null), "{'loc': " + MOSCOW + "}", false),
                row(polygon(BERLIN_RING, CENTRE_HOLE), "{'loc': " + BERLIN + "}", false),
                row(polygon(BERLIN_RING, CENTRE_HOLE), "{'loc': " + POTSDAM + "}", true),
                // parts of one field condition are OR-ed
                row("{'must': {'key': 'loc', 'geo_radius': {'center': " + BERLIN + ", 'radius': 1000},"
                        + " 'values_count': {'gt': 1}}}", "{'loc': [" + MOSCOW + ", " + POTSDAM + "]}", true),
                row("{'must': {'key': 'n', 'match': {'value': 1}, 'values_count': {'gt': 1}}}", "{'n': 1}", true),
                row("{'must': {'key': 'n', 'match': {'value': 2}, 'values_count': {'gt': 1}}}", "{'n': 1}", false),
                // nested: every condition must hold for the same element
                row(nested("{'must': [{'key': 'food', 'match': {'value': 'meat'}}, {'key': 'likes', 'match': {'value': true}}]}"),
                        "{'diet': [{'food': 'meat', 'likes': false}, {'food': 'veg', 'likes': true}]}", false),
                row("{'must': [{'key': 'diet[].food', 'match': {'value': 'meat'}}, {'key': 'diet[].likes', 'match': {'value': true}}]}",
                        "{'diet': [{'food': 'meat', 'likes': false}, {'food': 'veg', 'likes': true}]}", true),
                row(nested("{'must': [{'key': 'food', 'match': {'value': 'meat'}}, {'key': 'likes', 'match': {'value': true}}]}"),
                        "{'diet': [{'food': 'meat', 'likes': false}, {'food': 'meat', 'likes': true}]}", true),
                row(nested("{'must': {'key': 'food', 'match': {'value': 'meat'}}}"), "{'diet': {'food': 'meat'}}", true),
                row(nested("{'must': {'key': 'food', 'match': {'value': 'meat'}}}"), "{'diet': ['meat']}", false),
                row(nested("{'must': {'key': 'food', 'match': {'value': 'meat'}}}"), "{}", false),
                row(nested("{'must_not': {'key': 'likes', 'match': {'value': false}}}"), "{'diet': [{'likes': false}, {}]}", true),
                row("{'must_not': " + nested("{'must': {'key': 'likes', 'match': {'value': false}}}") + "}",
                        "{'diet': [{'likes': true}]}", true),

                row("{'must': {'nested': {'key': 'a.b', 'filter': {'must': {'nested': {'key': 'c',"
                        + " 'filter': {'must': {'key': 'd', 'range': {'gt': 1}}}}}}}}}", "{'a': {'b': [{'c': [{'d': 2}]}]}}", true));
    }

    private static String datetime(String... bounds) {
        StringBuilder must = new StringBuilder("{'must': [");
        for (int i = 0; i < bounds.length; i++) {
            must.append(i == 0 ? "" : ", ").append("{'key': 't', 'range': {").append(bounds[i]).append("}}");
        }
        return must.append("]}").toString();
    }

    private static String count(String bounds) {
        return "{'must': {'key': 'c', 'values_count': {" + bounds + "}}}";
    }

    private static String radius(String center, double meters) {
        return "{'must': {'key': 'loc', 'geo_radius': {'center': " + center + ", 'radius': " + meters + "}}}";
    }

    private static String box(String topLeft, String bottomRight) {
        return "{'must': {'key': 'loc', 'geo_bounding_box': {'top_left': " + topLeft + ", 'bottom_right': " + bottomRight + "}}}";
    }

    private static String polygon(String exterior, String hole) {
        return "{'must': {'key': 'loc', 'geo_polygon': {'exterior': {'points': " + exterior + "}"
                + (hole == null ? "" : ", 'interiors': [{'points': " + hole + "}]") + "}}}";
    }

    private static String nested(String filter) {
        return "{'must': {'nested': {'key': 'diet', 'filter': " + filter + "}}}";
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
    void haversineDistanceMatchesKnownCityDistances() {
        // Berlin-Moscow is about 1,609 km along a great circle.
        double meters = GeoShape.Radius.distanceMeters(new GeoPoint(13.4050, 52.5200), new GeoPoint(37.6173, 55.7558));
        assertTrue(Math.abs(meters - 1_609_000) < 5_000, () -> "got " + meters);
    }

    @Test
    void datetimesParseToMicrosecondsSinceTheEpoch() {
        assertEquals(0L, Datetimes.parseMicros("1970-01-01T00:00:00Z"));
        assertEquals(1_675_853_340_000_000L, Datetimes.parseMicros("2023-02-08T10:49:00Z"));
        assertEquals(1_675_853_340_123_456L, Datetimes.parseMicros("2023-02-08T10:49:00.123456789Z"));
        assertEquals(Datetimes.parseMicros("2023-02-08T10:49:00Z"), Datetimes.parseMicros("2023-02-08 11:49:00+01:00"));
        assertEquals(Datetimes.parseMicros("2023-02-08T00:00:00Z"), Datetimes.parseMicros("2023-02-08"));
        assertEquals(Long.MIN_VALUE, Datetimes.parseMicros("2023-02-08X10:49:00"));
        assertEquals(Long.MIN_VALUE, Datetimes.parseMicros("2023-02-29"));
        assertEquals(Long.MIN_VALUE, Datetimes.parseMicros(""));
        assertEquals(Long.MIN_VALUE, Datetimes.parseMicros("2023-02-08T10:49:00+25:00"), "offset out of range");
        assertEquals(Long.MIN_VALUE, Datetimes.parseMicros("+999999999-12-31T23:59:59Z"), "beyond microseconds in a long");
    }
}
