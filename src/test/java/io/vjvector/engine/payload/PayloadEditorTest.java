package io.vjvector.engine.payload;

import static io.vjvector.engine.payload.JsonPathTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Edits follow Qdrant's json_path value_set / value_remove and merge semantics. */
class PayloadEditorTest {

    private static final String BASE = "{'a': {'b': [{'c': 1}, {'c': 2}, {'d': {'e': 3}}]}, 'f': 3, 'g': ['g0', 'g1', 'g2']}";

    private static ObjectNode obj(String relaxed) throws Exception {
        return (ObjectNode) json(relaxed);
    }

    @ParameterizedTest(name = "set {1} at {2}")
    @CsvSource(delimiter = '|', value = {
        // no key: merge top-level keys; null removes a key
        BASE + "|{'c': 5}||{'a': {'b': [{'c': 1}, {'c': 2}, {'d': {'e': 3}}]}, 'f': 3, 'g': ['g0', 'g1', 'g2'], 'c': 5}",
        "{'x': 1, 'y': 2}|{'x': null, 'z': 3}||{'y': 2, 'z': 3}",
        "{'x': 1}|{'x': {'deep': true}}||{'x': {'deep': true}}",
        "{}|{'c': 1}||{'c': 1}",
        // nested key: merges into the object there, replacing non-objects
        BASE + "|{'b': 5}|a|{'a': {'b': 5}, 'f': 3, 'g': ['g0', 'g1', 'g2']}",
        BASE + "|{'c': 5}|a.b[1]|{'a': {'b': [{'c': 1}, {'c': 5}, {'d': {'e': 3}}]}, 'f': 3, 'g': ['g0', 'g1', 'g2']}",
        BASE + "|{}|a.b[1]|" + BASE,
        BASE + "|{'z': 0}|a.b[]|{'a': {'b': [{'c': 1, 'z': 0}, {'c': 2, 'z': 0}, {'d': {'e': 3}, 'z': 0}]}, 'f': 3, 'g': ['g0', 'g1', 'g2']}",
        "{}|{'c': 1}|key1.key2|{'key1': {'key2': {'c': 1}}}",
        "{}|{'c': 1}|key1.key2[3]|{'key1': {'key2': []}}",
        "{}|{'c': 1}|key1.key2[].key3|{'key1': {'key2': []}}",
        "{'a': 10}|{'x': 1}|a.b.c|{'a': {'b': {'c': {'x': 1}}}}",
        "{'a': {'x': 1, 'y': 2}}|{'x': null}|a|{'a': {'y': 2}}",
        "{'a': 1}|{}|b|{'a': 1, 'b': {}}",
        "{'a': [1, {'k': 0}]}|{'k': 1}|a[]|{'a': [{'k': 1}, {'k': 1}]}",
        "{'a': {'b': 1}}|{'c': 2}|\"a\".b|{'a': {'b': {'c': 2}}}"
    })
    void setsPayload(String before, String values, String key, String after) throws Exception {
        ObjectNode payload = obj(before);
        ObjectNode original = payload.deepCopy();
        ObjectNode result = PayloadEditor.set(payload, obj(values), key == null ? null : JsonPath.parse(key));
        assertEquals(json(after), result);
        assertEquals(original, payload, "the argument is not modified");
    }

    @ParameterizedTest(name = "delete {1}")
    @CsvSource(delimiter = '|', value = {
        "{'a': 1, 'b': {'c': 123}}|b.c|{'a': 1, 'b': {}}",
        "{'a': 1, 'b': {'c': 123}}|a|{'b': {'c': 123}}",
        "{'a': 1}|zzz|{'a': 1}",
        "{'a': 1}|a.b.c|{'a': 1}",
        "{'i': [{'j': 1, 'k': 2}, {'j': 3, 'k': 4}]}|i[0].j|{'i': [{'k': 2}, {'j': 3, 'k': 4}]}",
        "{'i': [{'j': 1, 'k': 2}, {'j': 3, 'k': 4}]}|i[].k|{'i': [{'j': 1}, {'j': 3}]}",
        "{'i': [{'j': 1}, {'j': 3}]}|i[]|{'i': []}",
        "{'i': [1, 2]}|i[0]|{'i': [1, 2]}",
        "{'i': 5}|i[]|{'i': 5}"
    })
    void deletesKeys(String before, String key, String after) throws Exception {
        ObjectNode payload = obj(before);
        ObjectNode original = payload.deepCopy();
        assertEquals(json(after), PayloadEditor.delete(payload, List.of(JsonPath.parse(key))));
        assertEquals(original, payload);
    }

    @Test
    void deletesSeveralKeysInOrder() throws Exception {
        assertEquals(json("{'c': 3}"), PayloadEditor.delete(obj("{'a': 1, 'b': {'x': 2}, 'c': 3}"),
                List.of(JsonPath.parse("a"), JsonPath.parse("b.x"), JsonPath.parse("b"))));
    }

    @Test
    void overwriteAndClearGiveFreshObjects() throws Exception {
        ObjectNode values = obj("{'a': {'b': 1}}");
        ObjectNode result = PayloadEditor.overwrite(values);
        assertEquals(values, result);
        assertNotSame(values.get("a"), result.get("a"));
        assertEquals(json("{}"), PayloadEditor.clear());
        assertEquals(json("{}"), PayloadEditor.overwrite(null));
        assertEquals(json("{'x': 1}"), PayloadEditor.set(null, obj("{'x': 1}"), null));
    }

    @Test
    void resultSharesNoNodesWithTheValues() throws Exception {
        ObjectNode values = obj("{'list': [1]}");
        ObjectNode result = PayloadEditor.set(obj("{}"), values, null);
        ((com.fasterxml.jackson.databind.node.ArrayNode) values.get("list")).add(2);
        assertEquals(json("{'list': [1]}"), result);
    }
}
