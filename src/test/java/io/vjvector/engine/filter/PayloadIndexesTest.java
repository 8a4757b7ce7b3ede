package io.vjvector.engine.filter;

import static io.vjvector.engine.filter.FilterEvaluationTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPathException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PayloadIndexesTest {

    private final PayloadIndexes indexes = new PayloadIndexes();
    private final List<JsonNode> payloads = new ArrayList<>();

    @BeforeEach
    void points() throws Exception {
        payloads.add(json("{'city': 'London', 'n': 1, 'p': 1.5, 'ok': true, 'tags': ['a', 'b'], 'o': {'k': 'x'}}"));
        payloads.add(json("{'city': 'Berlin', 'n': 2, 'p': 20, 'ok': false, 'tags': ['b'], 'arr': [{'v': 5}, {'v': 6}]}"));
        payloads.add(json("{'city': ['London', 'Paris'], 'n': 2.5, 'p': -3, 'ok': [true, false], 'arr': [{'v': 7}]}"));
        payloads.add(json("{'city': 5, 'n': [3, 4], 'p': 'x', 'ok': 'true'}"));
        payloads.add(json("{}"));
    }

    private Map<Integer, JsonNode> existing() {
        Map<Integer, JsonNode> m = new LinkedHashMap<>();
        for (int i = 0; i < payloads.size(); i++) {
            m.put(i, payloads.get(i));
        }
        return m;
    }

    private void createAll() {
        indexes.create("city", PayloadSchemaType.KEYWORD, existing().entrySet());
        indexes.create("n", PayloadSchemaType.INTEGER, existing().entrySet());
        indexes.create("p", PayloadSchemaType.FLOAT, existing().entrySet());
        indexes.create("ok", PayloadSchemaType.BOOL, existing().entrySet());
        indexes.create("tags", PayloadSchemaType.KEYWORD, existing().entrySet());
        indexes.create("arr[].v", PayloadSchemaType.INTEGER, existing().entrySet());
    }

    private Optional<BitSet> candidates(String filter) throws Exception {
        return indexes.candidates(Filter.parse(json(filter)));
    }

    private static BitSet bits(int... ordinals) {
        BitSet b = new BitSet();
        for (int o : ordinals) {
            b.set(o);
        }
        return b;
    }

    @Test
    void schemaAndIndexedPointCounts() {
        createAll();
        assertEquals(List.of("city", "n", "p", "ok", "tags", "arr[].v"), List.copyOf(indexes.schema().keySet()));
        assertEquals(PayloadSchemaType.FLOAT, indexes.schema().get("p").type());
        Map<String, PayloadIndexes.FieldInfo> fields = indexes.fields();
        assertEquals(3, fields.get("city").points(), "5 is not a keyword");
        assertEquals(3, fields.get("n").points(), "2.5 is not an integer");
        assertEquals(3, fields.get("p").points(), "'x' is not a number");
        assertEquals(3, fields.get("ok").points(), "'true' is not a bool");
        assertEquals(2, fields.get("arr[].v").points());
        assertTrue(indexes.drop("tags"));
        assertFalse(indexes.drop("tags"));
        assertFalse(indexes.drop("not a path"));
        assertFalse(indexes.schema().containsKey("tags"));
        assertThrows(JsonPathException.class, () -> indexes.create("a..b", PayloadSchemaType.KEYWORD, List.of()));
    }

    @Test
    void narrowsIndexableConditions() throws Exception {
        createAll();
        assertEquals(Optional.of(bits(0, 2)), candidates("{'must': {'key': 'city', 'match': {'value': 'London'}}}"));
        assertEquals(Optional.of(bits(0, 1, 2)), candidates("{'must': {'key': 'city', 'match': {'any': ['Berlin', 'Paris', 'London']}}}"));
        assertEquals(Optional.of(bits(1)), candidates("{'must': {'key': 'n', 'match': {'value': 2}}}"));
        assertEquals(Optional.of(bits(1, 3)), candidates("{'must': {'key': 'n', 'match': {'any': [2, 4]}}}"));
        assertEquals(Optional.of(bits(0, 2)), candidates("{'must': {'key': 'ok', 'match': {'value': true}}}"));
        assertEquals(Optional.of(bits(0, 1)), candidates("{'must': {'key': 'p', 'range': {'gte': 0}}}"));
        assertEquals(Optional.of(bits(1, 2)), candidates("{'must': {'key': 'arr[].v', 'range': {'gt': 5}}}"));
        // a range on an integer index also returns points holding floats there (2.5 at ordinal 2)
        assertEquals(Optional.of(bits(1, 2, 3)), candidates("{'must': {'key': 'n', 'range': {'gte': 2}}}"));
        // must: AND of indexable conditions, unindexable ones ignored
        assertEquals(Optional.of(bits(0)), candidates("{'must': [{'key': 'city', 'match': {'value': 'London'}},"
                + " {'key': 'tags', 'match': {'value': 'a'}}, {'key': 'zzz', 'match': {'value': 1}}]}"));
        // should: union, only when every alternative is indexable
        assertEquals(Optional.of(bits(0, 1, 2)), candidates("{'should': [{'key': 'city', 'match': {'value': 'Berlin'}},"
                + " {'key': 'ok', 'match': {'value': true}}]}"));
        assertEquals(Optional.empty(), candidates("{'should': [{'key': 'city', 'match': {'value': 'Berlin'}},"
                + " {'key': 'zzz', 'match': {'value': 1}}]}"));
        // nested filters narrow like conditions
        assertEquals(Optional.of(bits(1)), candidates("{'must': [{'must': [{'key': 'n', 'match': {'value': 2}}]}]}"));
        // match and range together: union of both
        assertEquals(Optional.of(bits(1, 2, 3)), candidates("{'must': {'key': 'n', 'match': {'value': 2}, 'range': {'gte': 2.1}}}"));
    }

    @Test
    void declinesWhatTheIndexesCannotAnswer() throws Exception {
        createAll();
        for (String f : List.of(
                "{}",
                "{'must_not': {'key': 'city', 'match': {'value': 'London'}}}",
                "{'must': {'key': 'city', 'match': {'except': ['London']}}}",
                "{'must': {'key': 'city', 'match': {'text': 'Lon'}}}",
                "{'must': {'key': 'city', 'match': {'value': 5}}}",
                "{'must': {'key': 'city', 'range': {'gt': 1}}}",
                "{'must': {'key': 'n', 'match': {'value': 'x'}}}",
                "{'must': {'key': 'p', 'match': {'value': 1}}}",
                "{'must': {'key': 'ok', 'match': {'value': 'true'}}}",
                "{'must': {'key': 'o.k', 'match': {'value': 'x'}}}",
                "{'must': {'has_id': [1]}}",
                "{'must': {'is_empty': {'key': 'city'}}}")) {
            assertEquals(Optional.empty(), candidates(f), f);
        }
    }

    @Test
    void datetimeIndexAnswersDatetimeRangesOnly() throws Exception {
        List<JsonNode> dated = List.of(
                json("{'t': '2023-02-08T10:49:00Z'}"),
                json("{'t': ['2023-02-08 12:00:00+01:00', 'not a date']}"),
                json("{'t': '2023-02-09'}"),
                json("{'t': 1675853340}"),
                json("{}"));
        Map<Integer, JsonNode> existing = new LinkedHashMap<>();
        for (int i = 0; i < dated.size(); i++) {
            existing.put(i, dated.get(i));
        }
        indexes.create("t", PayloadSchemaType.DATETIME, existing.entrySet());
        assertEquals(3, indexes.fields().get("t").points(), "numbers and other strings are not datetimes");
        assertEquals(Optional.of(bits(0, 1)), candidates("{'must': {'key': 't', 'range': {'gte': '2023-02-08', 'lt': '2023-02-09'}}}"));
        assertEquals(Optional.of(bits(1, 2)), candidates("{'must': {'key': 't', 'range': {'gt': '2023-02-08T10:49:00Z'}}}"));
        assertEquals(Optional.of(bits(0)), candidates("{'must': {'key': 't', 'range': {'lte': '2023-02-08T11:49:00+01:00'}}}"));
        assertEquals(Optional.of(bits()), candidates("{'must': {'key': 't', 'range': {'gt': '2023-02-09', 'lt': '2023-02-09T00:00:00.000001Z'}}}"));
        assertEquals(2, indexes.estimate(Filter.parse(json("{'must': {'key': 't', 'range': {'gte': '2023-02-08', 'lt': '2023-02-09'}}}")), 5));
        assertEquals(Optional.empty(), candidates("{'must': {'key': 't', 'range': {'gt': 5}}}"));
        assertEquals(Optional.empty(), candidates("{'must': {'key': 't', 'match': {'value': '2023-02-09'}}}"));
    }

    @Test
    void minShouldNarrowsToTheUnionAndImpossibleCountsToNothing() throws Exception {
        createAll();
        assertEquals(Optional.of(bits(0, 1, 2)), candidates("{'min_should': {'conditions': [{'key': 'city', 'match': {'value': 'Berlin'}},"
                + " {'key': 'ok', 'match': {'value': true}}], 'min_count': 2}}"));
        assertEquals(Optional.of(bits()), candidates("{'min_should': {'conditions': [{'key': 'zzz', 'match': {'value': 1}}], 'min_count': 2}}"));
        assertEquals(Optional.empty(), candidates("{'min_should': {'conditions': [{'key': 'city', 'match': {'value': 'x'}}], 'min_count': 0}}"));
    }

    @Test
    void addRemoveAndReplaceKeepIndexesInStep() throws Exception {
        createAll();
        indexes.add(5, json("{'city': 'Rome', 'n': 2}"));
        assertEquals(Optional.of(bits(5)), candidates("{'must': {'key': 'city', 'match': {'value': 'Rome'}}}"));
        assertEquals(Optional.of(bits(1, 5)), candidates("{'must': {'key': 'n', 'match': {'value': 2}}}"));
        indexes.replace(5, json("{'city': 'Rome', 'n': 2}"), json("{'city': 'Oslo'}"));
        assertEquals(Optional.of(bits()), candidates("{'must': {'key': 'city', 'match': {'value': 'Rome'}}}"));
        assertEquals(Optional.of(bits(1)), candidates("{'must': {'key': 'n', 'match': {'value': 2}}}"));
        indexes.remove(5, json("{'city': 'Oslo'}"));
        indexes.remove(2, payloads.get(2));
        assertEquals(Optional.of(bits(0)), candidates("{'must': {'key': 'city', 'match': {'value': 'London'}}}"));
        assertEquals(Optional.of(bits(1, 3)), candidates("{'must': {'key': 'n', 'range': {'gte': 2}}}"));
        assertEquals(2, indexes.fields().get("city").points());
        indexes.add(6, null);
        indexes.remove(6, null);
    }

    @Test
    void estimatesAreUpperBounds() throws Exception {
        createAll();
        assertEquals(2, indexes.estimate(Filter.parse(json("{'must': {'key': 'city', 'match': {'value': 'London'}}}")), 5));
        assertEquals(1, indexes.estimate(Filter.parse(json("{'must': [{'key': 'city', 'match': {'value': 'London'}},"
                + " {'key': 'n', 'match': {'value': 2}}]}")), 5));
        assertEquals(3, indexes.estimate(Filter.parse(json("{'should': [{'key': 'city', 'match': {'value': 'London'}},"
                + " {'key': 'n', 'match': {'value': 2}}]}")), 5));
        assertEquals(5, indexes.estimate(Filter.parse(json("{'should': [{'key': 'city', 'match': {'value': 'London'}},"
                + " {'key': 'zzz', 'match': {'value': 2}}]}")), 5));
        assertEquals(2, indexes.estimate(Filter.parse(json("{'must': {'has_id': [1, 2]}}")), 5));
        assertEquals(5, indexes.estimate(Filter.matchAll(), 5));
        assertEquals(1, indexes.estimate(Filter.parse(json("{'min_should': {'conditions': [{'key': 'city', 'match': {'value': 'London'}},"
                + " {'key': 'n', 'match': {'value': 2}}], 'min_count': 2}}")), 5));
    }

    @Test
    void largeIntegerBoundsNeverDropMatches() throws Exception {
        List<JsonNode> big = List.of(
                json("{'n': 9007199254740993}"), json("{'n': 9007199254740995}"), json("{'n': 9223372036854775807}"),
                json("{'n': -9223372036854775808}"), json("{'n': 4503599627370497}"));
        Map<Integer, JsonNode> m = new LinkedHashMap<>();
        for (int i = 0; i < big.size(); i++) {
            m.put(i, big.get(i));
        }
        indexes.create("n", PayloadSchemaType.INTEGER, m.entrySet());
        for (String bound : List.of("9007199254740992", "9007199254740994", "9007199254740996", "9.223372036854776E18",
                "-9.223372036854776E18", "4503599627370496.5", "4503599627370497", "1e300", "-1e300")) {
            for (String op : List.of("gt", "gte", "lt", "lte")) {
                Filter f = Filter.parse(json("{'must': {'key': 'n', 'range': {'" + op + "': " + bound + "}}}"));
                BitSet got = indexes.candidates(f).orElseThrow();
                for (int i = 0; i < big.size(); i++) {
                    if (f.test(null, big.get(i))) {
                        assertTrue(got.get(i), op + " " + bound + " dropped " + big.get(i));
                    }
                }
            }
        }
    }

    @Test
    void concurrentUpdatesAndLookUpsStayConsistent() throws Exception {
        indexes.create("n", PayloadSchemaType.INTEGER, List.of());
        Filter even = Filter.parse(json("{'must': {'key': 'n', 'match': {'value': 0}}}"));
        Throwable[] failure = new Throwable[1];
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 5_000; i++) {
                    indexes.add(i, json("{'n': " + (i % 2) + "}"));
                    if (i % 3 == 0) {
                        indexes.replace(i, json("{'n': " + (i % 2) + "}"), json("{'n': 2}"));
                    }
                }
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        writer.start();
        while (writer.isAlive()) {
            indexes.candidates(even).orElseThrow();
            indexes.estimate(even, 10_000);
            indexes.fields();
        }
        writer.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
        BitSet expected = new BitSet();
        for (int i = 0; i < 5_000; i++) {
            if (i % 2 == 0 && i % 3 != 0) {
                expected.set(i);
            }
        }
        assertEquals(expected, indexes.candidates(even).orElseThrow());
    }
}
