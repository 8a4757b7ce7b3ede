package io.vjvector.engine.payload;

import static io.vjvector.engine.payload.JsonPathTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code with_payload} projection as Qdrant's PayloadSelector (include: prefix either way; exclude: pattern prefix of path). */
class PayloadSelectorTest {

    private static final String PAYLOAD = "{'a': {'b': [{'c': 1}, {'c': 2}, {'d': {'e': 3}}], 'x': 9}, 'f': 3, 'g': ['g0', 'g1'], 's': 'str'}";

    private static List<String> paths(String csv) {
        return csv == null ? List.of() : Arrays.asList(csv.split(","));
    }

    @ParameterizedTest(name = "include {0}")
    @CsvSource(delimiter = '|', value = {
        "f|{'f': 3}",
        "f,s|{'f': 3, 's': 'str'}",
        "a.b[].c|{'a': {'b': [{'c': 1}, {'c': 2}, {}]}}",
        "a.b|{'a': {'b': [{'c': 1}, {'c': 2}, {'d': {'e': 3}}]}}",
        "a|{'a': {'b': [{'c': 1}, {'c': 2}, {'d': {'e': 3}}], 'x': 9}}",
        "a.b.c|{'a': {'b': []}}",
        "a.b[0]|{'a': {'b': []}}",
        "f.deeper|{'f': 3}",
        "g[]|{'g': ['g0', 'g1']}",
        "missing|{}",
        "|{}"
    })
    void includes(String include, String expected) throws Exception {
        ObjectNode payload = (ObjectNode) json(PAYLOAD);
        assertEquals(json(expected), PayloadSelector.include(paths(include)).apply(payload));
        assertEquals(json(PAYLOAD), payload);
    }

    @ParameterizedTest(name = "exclude {0}")
    @CsvSource(delimiter = '|', value = {
        "f|{'a': {'b': [{'c': 1}, {'c': 2}, {'d': {'e': 3}}], 'x': 9}, 'g': ['g0', 'g1'], 's': 'str'}",
        "a,f,g|{'s': 'str'}",
        "a.x|{'a': {'b': [{'c': 1}, {'c': 2}, {'d': {'e': 3}}]}, 'f': 3, 'g': ['g0', 'g1'], 's': 'str'}",
        "a.b[].c|{'a': {'b': [{}, {}, {'d': {'e': 3}}], 'x': 9}, 'f': 3, 'g': ['g0', 'g1'], 's': 'str'}",
        "a.b.c|" + PAYLOAD,
        "g[]|{'a': {'b': [{'c': 1}, {'c': 2}, {'d': {'e': 3}}], 'x': 9}, 'f': 3, 'g': [], 's': 'str'}",
        "|" + PAYLOAD
    })
    void excludes(String exclude, String expected) throws Exception {
        assertEquals(json(expected), PayloadSelector.exclude(paths(exclude)).apply((ObjectNode) json(PAYLOAD)));
    }

    @Test
    void includeThenExcludeAndAll() throws Exception {
        ObjectNode payload = (ObjectNode) json(PAYLOAD);
        assertEquals(json("{'a': {'x': 9}}"), PayloadSelector.of(List.of("a"), List.of("a.b")).apply(payload));
        ObjectNode all = PayloadSelector.ALL.apply(payload);
        assertEquals(payload, all);
        assertNotSame(payload, all);
        assertEquals(json("{}"), PayloadSelector.ALL.apply(null));
    }

    @Test
    void invalidPathsAreRejectedWhenTheSelectorIsBuilt() {
        assertThrows(JsonPathException.class, () -> PayloadSelector.include(List.of("a..b")));
    }
}
