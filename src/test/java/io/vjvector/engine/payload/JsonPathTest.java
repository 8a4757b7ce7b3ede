package io.vjvector.engine.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String relaxed) throws Exception {
        return JSON.readTree(relaxed.replace('\'', '"'));
    }

    private static List<String> values(String path, String payload) throws Exception {
        List<String> out = new ArrayList<>();
        JsonPath.parse(path).anyValue(json(payload), v -> {
            out.add(v.toString());
            return false;
        });
        return out;
    }

    @Test
    void parsesQdrantsGrammar() {
        JsonPath p = JsonPath.parse("foo[1][50].bar-baz[].\"qux[.]quux\"");
        assertEquals(6, p.length());
        assertEquals("foo", p.key(0));
        assertEquals(1, p.index(1));
        assertEquals(50, p.index(2));
        assertEquals("bar-baz", p.key(3));
        assertEquals(JsonPath.Kind.WILDCARD, p.kind(4));
        assertEquals("qux[.]quux", p.key(5));
        assertEquals(JsonPath.parse("\"a\".\"b\""), JsonPath.parse("a.b"));
        assertEquals("a.b", JsonPath.parse("\"a\".\"b\"").toString());
        assertEquals("\"\".\"x y\"[0]", JsonPath.parse("\"\".\"x y\"[0]").toString());
        assertEquals(JsonPath.parse("Müesli_1-x"), JsonPath.parse("Müesli_1-x"));
        assertNotEquals(JsonPath.parse("a[0]"), JsonPath.parse("a[]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".a", "a.", "a..b", "[0]", "a[", "a[x]", "a[-1]", "a b", "a/b", "a.\"b", "a.\"b\\\"c\"",
        "a[0", "a[]]", "a[99999999999]", "a$"})
    void rejectsInvalidPaths(String text) {
        JsonPathException e = assertThrows(JsonPathException.class, () -> JsonPath.parse(text));
        assertTrue(e.getMessage().startsWith("invalid JSON path '" + text + "'"), e.getMessage());
    }

    @Test
    void reachesValuesWithoutFlatteningArraysImplicitly() throws Exception {
        String payload = "{'a': {'b': [{'c': 1}, {'c': 2}, {'d': {'e': 3}}]}, 'f': 3, 'g': ['g0', 'g1'], 'n': null}";
        assertEquals(List.of("[{\"c\":1},{\"c\":2},{\"d\":{\"e\":3}}]"), values("a.b", payload));
        assertEquals(List.of("1", "2"), values("a.b[].c", payload));
        assertEquals(List.of("{\"e\":3}"), values("a.b[].d", payload));
        assertEquals(List.of("2"), values("a.b[1].c", payload));
        assertEquals(List.of(), values("a.b[3]", payload));
        assertEquals(List.of(), values("a.b.c", payload));
        assertEquals(List.of("\"g1\""), values("g[1]", payload));
        assertEquals(List.of("null"), values("n", payload));
        assertEquals(List.of(), values("n[]", payload));
        assertEquals(List.of(), values("f.x", payload));
        assertEquals(List.of("[1,2]", "4"), values("arr[].a", "{'arr': [{'a': [1, 2]}, {'a': 4}, {'b': 5}]}"));
        assertEquals(List.of("1", "2"), values("arr[].a[]", "{'arr': [{'a': [1, 2]}, {'a': 4}, {'b': 5}]}"));
    }

    @Test
    void visitorStopsTheWalk() throws Exception {
        int[] seen = {0};
        assertTrue(JsonPath.parse("a[]").anyValue(json("{'a': [1, 2, 3]}"), v -> ++seen[0] == 2));
        assertEquals(2, seen[0]);
        assertFalse(JsonPath.parse("a").anyValue(json("[1]"), v -> true));
    }

    @Test
    void prefixRelation() {
        assertTrue(JsonPath.parse("a").isPrefixOf(JsonPath.parse("a.b")));
        assertTrue(JsonPath.parse("a.b").isPrefixOf(JsonPath.parse("a.b")));
        assertFalse(JsonPath.parse("a.b").isPrefixOf(JsonPath.parse("a")));
        assertFalse(JsonPath.parse("a[0]").isPrefixOf(JsonPath.parse("a[].b")));
    }
}
