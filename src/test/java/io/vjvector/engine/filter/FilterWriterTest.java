package io.vjvector.engine.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What {@link FilterWriter} writes, {@link Filter#parse} reads back as an equal filter that passes
 * the same points, for every kind of condition; filters are also sent through their bytes, as they
 * travel between nodes. Randomized: the seed is printed and read back from {@code vjvector.test.seed}.
 */
class FilterWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long SEED = Long.getLong("vjvector.test.seed", System.nanoTime());
    /** Payload paths the random filters use; the random payloads hold values at the plain ones. */
    private static final String[] KEYS = {
        "a", "n", "tags", "tags[]", "loc", "when", "s", "diet", "diet[].food", "diet[0].food", "\"odd key\"",
        "\"a.b\"", "x.y.z"
    };
    private static final String[] WORDS = {"red", "green", "blue", "", "ünï", "a b", "\"q\"", "2023-02-08"};

    @Test
    void qdrantFiltersReadBackEqualAfterWriting() throws IOException {
        String[] filters = {
            "{}",
            "{'must': [{'key': 'a', 'match': {'value': 'red'}}, {'key': 'n', 'range': {'gte': 1.5, 'lt': 9}}]}",
            "{'should': {'key': 'n', 'match': {'value': -7}}, 'must_not': [{'key': 'b', 'match': {'value': true}}]}",
            "{'must': [{'key': 'a', 'match': {'any': ['x', 'y']}}, {'key': 'n', 'match': {'except': [3, 1, 2]}}]}",
            "{'must': [{'key': 'a', 'match': {'any': []}}, {'key': 's', 'match': {'text': 'big cat'}}]}",
            "{'must': [{'key': 's', 'match': {'text_any': 'big cat'}}, {'key': 's', 'match': {'phrase': 'a cat'}}]}",
            "{'must': [{'key': 'when', 'range': {'gt': '2023-02-08T10:49:00Z', 'lte': '2024-01-01 00:00:00.123456+05:30'}}]}",
            "{'must': [{'key': 'when', 'range': {'gte': '9999-12-31T23:00:00-05:00', 'lt': '0000-01-01T02:00:00+09:00'}}]}",
            "{'must': [{'key': 'loc', 'geo_radius': {'center': {'lon': 13.4, 'lat': 52.5}, 'radius': 1000.5}}]}",
            "{'must': [{'key': 'loc', 'geo_bounding_box': {'top_left': {'lon': 170, 'lat': 10},"
                    + " 'bottom_right': {'lon': -170, 'lat': -10}}}]}",
            "{'must': [{'key': 'loc', 'geo_polygon': {'exterior': {'points': [{'lon': 0, 'lat': 0}, {'lon': 1, 'lat': 0},"
                    + " {'lon': 1, 'lat': 1}, {'lon': 0, 'lat': 0}]}, 'interiors': [{'points': [{'lon': 0.1, 'lat': 0.1},"
                    + " {'lon': 0.2, 'lat': 0.1}, {'lon': 0.2, 'lat': 0.2}, {'lon': 0.1, 'lat': 0.1}]}]}}]}",
            "{'must': [{'key': 'tags', 'values_count': {'gt': 1, 'lte': 5}}]}",
            "{'must': [{'is_empty': {'key': 'a'}}, {'is_null': {'key': 'diet[].food'}}]}",
            "{'must': [{'key': 'a', 'is_empty': false}, {'key': 'b', 'is_null': true}]}",
            "{'must': [{'key': 'n', 'match': {'value': 1}, 'range': {'gt': 0}, 'values_count': {'gte': 1}, 'is_empty': false}]}",
            "{'must': [{'has_id': [1, 18446744073709551615, '550e8400-e29b-41d4-a716-446655440000']}]}",
            "{'must': [{'has_id': []}, {'has_vector': ''}]}",
            "{'must': [{'nested': {'key': 'diet', 'filter': {'must': [{'key': 'food', 'match': {'value': 'meat'}}],"
                    + " 'must_not': {'nested': {'key': 'x', 'filter': {'must': {'key': 'y', 'range': {'lt': 0}}}}}}}}]}",
            "{'min_should': {'conditions': [{'key': 'a', 'match': {'value': 'x'}}, {'has_id': [5]}], 'min_count': 1}}",
            "{'must': [{'should': [{'must': []}, {'must_not': [{'key': 'diet[0].food', 'match': {'value': 0}}]}]}]}",
            "{'must': [{'key': 'n', 'range': {'gt': -0.0, 'lt': 1e300}}]}",
        };
        for (String text : filters) {
            Filter parsed = Filter.parse(JSON.readTree(text.replace('\'', '"')));
            assertRoundTrip(parsed, text);
        }
    }

    @Test
    void datetimesNearTheEndsOfFourDigitYearsKeepTheirInstant() {
        for (String text : List.of("9999-12-31T23:59:59.999999-18:00", "0000-01-01T00:00:00+18:00",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z", "2023-02-08")) {
            long micros = Datetimes.parseMicros(text);
            assertEquals(micros, Datetimes.parseMicros(Datetimes.formatMicros(micros)), text);
        }
    }

    @Test
    void boundFullTextMatchesAreWrittenAsTheClientWroteThem() {
        TextAnalyzer analyzer = new TextAnalyzer(TextIndexParams.DEFAULT);
        Match.Text source = new Match.Text("Big cats");
        Filter bound = Filter.of(List.of(new Condition.Field(JsonPath.parse("s"), Match.Tokens.of(source, analyzer), null)),
                List.of(), List.of(), null);
        Filter expected = Filter.of(List.of(new Condition.Field(JsonPath.parse("s"), source, null)),
                List.of(), List.of(), null);
        assertEquals(expected, Filter.parse(FilterWriter.write(bound)));
    }

    @Test
    void randomFiltersReadBackEqualAndPassTheSamePoints() {
        System.out.println("FilterWriterTest seed=" + SEED + " (rerun with -Dvjvector.test.seed=" + SEED + ")");
        Random random = new Random(SEED);
        List<JsonNode> payloads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            payloads.add(payload(random));
        }
        for (int i = 0; i < 600; i++) {
            Filter filter = filter(random, 0, false);
            Filter back = assertRoundTrip(filter, "seed=" + SEED + " filter #" + i);
            for (int p = 0; p < payloads.size(); p++) {
                PointId id = PointId.of(p % 7);
                if (filter.test(id, payloads.get(p)) != back.test(id, payloads.get(p))) {
                    fail("seed=" + SEED + " filter #" + i + " " + filter + " differs on " + payloads.get(p));
                }
            }
        }
    }

    /** Writes, sends through bytes, parses; checks equality and that writing again gives the same JSON. */
    private static Filter assertRoundTrip(Filter filter, String what) {
        ObjectNode written = FilterWriter.write(filter);
        Filter back;
        try {
            back = Filter.parse(JSON.readTree(JSON.writeValueAsBytes(written)), 1024);
        } catch (IOException | FilterException e) {
            throw new AssertionError(what + ": " + written + " does not read back", e);
        }
        assertEquals(filter, back, what + ": " + written);
        assertEquals(written, FilterWriter.write(back), what);
        return back;
    }

    private static Filter filter(Random r, int depth, boolean insideNested) {
        MinShould minShould = r.nextInt(4) == 0
                ? new MinShould(conditions(r, depth, insideNested), r.nextInt(3)) : null;
        return Filter.of(conditions(r, depth, insideNested), conditions(r, depth, insideNested),
                conditions(r, depth, insideNested), minShould);
    }

    private static List<Condition> conditions(Random r, int depth, boolean insideNested) {
        int n = r.nextInt(depth == 0 ? 4 : 3);
        List<Condition> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(condition(r, depth, insideNested));
        }
        return out;
    }

    private static Condition condition(Random r, int depth, boolean insideNested) {
        JsonPath key = JsonPath.parse(KEYS[r.nextInt(KEYS.length)]);
        int kind = r.nextInt(depth >= 3 ? 9 : 11);
        return switch (kind) {
            case 0, 1 -> new Condition.Field(key, match(r), r.nextInt(3) == 0 ? range(r) : null);
            case 2 -> new Condition.Field(key, null, range(r));
            case 3 -> new Condition.Values(key, datetimeRange(r));
            case 4 -> new Condition.Values(key, geo(r));
            case 5 -> new Condition.Count(key, new ValuesCount(count(r), count(r), count(r), count(r)));
            case 6 -> r.nextBoolean() ? new Condition.IsEmpty(key) : new Condition.IsNull(key);
            case 7 -> insideNested ? new Condition.IsNull(key) : hasId(r);
            case 8 -> new Condition.Sub(Filter.matchAll());
            case 9 -> new Condition.Nested(key, filter(r, depth + 1, true));
            default -> new Condition.Sub(filter(r, depth + 1, insideNested));
        };
    }

    private static Match match(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> new Match.Keyword(WORDS[r.nextInt(WORDS.length)]);
            case 1 -> new Match.Integral(r.nextBoolean() ? r.nextInt(5) - 2 : r.nextLong());
            case 2 -> new Match.Bool(r.nextBoolean());
            case 3 -> new Match.Any(values(r));
            case 4 -> new Match.Except(values(r));
            case 5 -> new Match.Text(WORDS[r.nextInt(WORDS.length)]);
            case 6 -> new Match.TextAny(WORDS[r.nextInt(WORDS.length)] + " " + WORDS[r.nextInt(WORDS.length)]);
            default -> new Match.Phrase(WORDS[r.nextInt(WORDS.length)]);
        };
    }

    private static MatchValues values(Random r) {
        int n = r.nextInt(4);
        if (r.nextBoolean()) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                words.add(WORDS[r.nextInt(WORDS.length)]);
            }
            return MatchValues.keywords(words);
        }
        long[] ints = new long[Math.max(1, n)];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = r.nextBoolean() ? r.nextInt(5) - 2 : r.nextLong();
        }
        return MatchValues.integers(ints);
    }

    private static Range range(Random r) {
        return new Range(bound(r), bound(r), bound(r), bound(r));
    }

    /** A bound the parser could have produced: finite, and never -0.0 (it normalises that to 0.0). */
    private static Double bound(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> null;
            case 1 -> (double) (r.nextInt(11) - 5);
            case 2 -> r.nextGaussian() * 10 + 0.0;
            default -> {
                double any = Double.longBitsToDouble(r.nextLong());
                yield Double.isFinite(any) ? any + 0.0 : null;
            }
        };
    }

    /** With at least one bound: without any, the parser reads a numeric range (as Qdrant does). */
    private static DatetimeRange datetimeRange(Random r) {
        DatetimeRange range = new DatetimeRange(micros(r), micros(r), micros(r), micros(r));
        return range.equals(new DatetimeRange(null, null, null, null)) ? new DatetimeRange(null, micros(r), 0L, null)
                : range;
    }

    /** Microseconds the parser can produce: from years 0000 to 9999, each side widened by an 18 h offset. */
    private static Long micros(Random r) {
        if (r.nextInt(3) == 0) {
            return null;
        }
        long low = Datetimes.parseMicros("0000-01-01T00:00:00+18:00");
        long high = Datetimes.parseMicros("9999-12-31T23:59:59.999999-18:00");
        return r.nextInt(4) == 0 ? (r.nextBoolean() ? low : high) : low + Math.floorMod(r.nextLong(), high - low + 1);
    }

    private static GeoShape geo(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> new GeoShape.Radius(geoPoint(r), r.nextDouble() * 1e6);
            case 1 -> {
                GeoPoint a = geoPoint(r);
                GeoPoint b = geoPoint(r);
                yield new GeoShape.BoundingBox(new GeoPoint(a.lon(), Math.max(a.lat(), b.lat())),
                        new GeoPoint(b.lon(), Math.min(a.lat(), b.lat())));
            }
            default -> new GeoShape.Polygon(ring(r), r.nextBoolean() ? List.of() : List.of(ring(r), ring(r)));
        };
    }

    private static List<GeoPoint> ring(Random r) {
        List<GeoPoint> ring = new ArrayList<>();
        int n = 3 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            ring.add(geoPoint(r));
        }
        ring.add(ring.get(0));
        return ring;
    }

    private static GeoPoint geoPoint(Random r) {
        return new GeoPoint(r.nextDouble() * 360 - 180, r.nextDouble() * 180 - 90);
    }

    private static Long count(Random r) {
        return r.nextBoolean() ? null : (long) r.nextInt(4);
    }

    private static Condition hasId(Random r) {
        Set<PointId> ids = new LinkedHashSet<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            ids.add(switch (r.nextInt(3)) {
                case 0 -> PointId.of(r.nextInt(7));
                case 1 -> PointId.of(r.nextLong());
                default -> PointId.of(new UUID(r.nextLong(), r.nextLong()));
            });
        }
        return new Condition.HasId(ids);
    }

    private static JsonNode payload(Random r) {
        ObjectNode p = NODES.objectNode();
        if (r.nextBoolean()) {
            p.put("a", WORDS[r.nextInt(WORDS.length)]);
        }
        if (r.nextBoolean()) {
            p.put("n", r.nextInt(11) - 5);
        }
        if (r.nextBoolean()) {
            ArrayNode tags = p.putArray("tags");
            for (int i = r.nextInt(4); i > 0; i--) {
                tags.add(r.nextBoolean() ? NODES.textNode(WORDS[r.nextInt(WORDS.length)]) : NODES.numberNode(r.nextInt(5) - 2));
            }
        }
        if (r.nextBoolean()) {
            p.putObject("loc").put("lon", r.nextDouble() * 360 - 180).put("lat", r.nextDouble() * 180 - 90);
        }
        if (r.nextBoolean()) {
            p.put("when", 1900 + r.nextInt(200) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + "T10:49:00Z");
        }
        if (r.nextBoolean()) {
            p.put("s", WORDS[r.nextInt(WORDS.length)] + " " + WORDS[r.nextInt(WORDS.length)]);
        }
        if (r.nextBoolean()) {
            ArrayNode diet = p.putArray("diet");
            for (int i = r.nextInt(3); i > 0; i--) {
                diet.addObject().put("food", WORDS[r.nextInt(WORDS.length)]);
            }
        }
        if (r.nextInt(4) == 0) {
            p.putNull(r.nextBoolean() ? "a" : "odd key");
        }
        return p;
    }
}
