package io.vjvector.engine.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code text}, {@code text_any} and {@code phrase} matches, with and without a text index, against
 * a brute-force evaluation of every point: with an index, on the analyzer's tokens (Qdrant's
 * semantics); without, as substrings. The index's candidates must hold every match.
 * Replay a failure with {@code -Dvjvector.fulltext.seed=<seed>}.
 */
class FullTextMatchRandomizedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] WORDS = {
        "run", "running", "Runs", "the", "The", "cat", "cats", "dog", "Dogs", "a", "fox", "über", "quick",
        "brown", "jumps", "over", "lazy", "qdrant", "QDRANT", "of", "and", "x1", "ab"
    };
    private static final String[] SEPARATORS = {" ", ", ", "-", "  ", "! ", "_"};
    private static final String[] CONFIGS = {
        "",
        "'stemmer': {'type': 'snowball', 'language': 'english'}, 'stopwords': 'english'",
        "'tokenizer': 'prefix', 'min_token_len': 2, 'max_token_len': 5",
        "'tokenizer': 'whitespace', 'lowercase': false, 'phrase_matching': true",
        "'min_token_len': 3, 'stopwords': {'custom': ['dog', 'fox']}, 'ascii_folding': true",
        "'tokenizer': 'multilingual', 'phrase_matching': true, 'stemmer': {'type': 'snowball', 'language': 'english'}",
    };
    private static final String[] KINDS = {"text", "text_any", "phrase"};

    @Test
    void indexedAndUnindexedMatchesAgreeWithBruteForce() {
        long seed = Long.getLong("vjvector.fulltext.seed", System.nanoTime());
        System.out.println("FullTextMatchRandomizedTest seed=" + seed);
        Random r = new Random(seed);
        for (String config : CONFIGS) {
            runConfig(r, config, seed);
        }
    }

    private void runConfig(Random r, String config, long seed) {
        TextAnalyzer analyzer = TextAnalyzerTest.analyzer(config);
        int n = 150 + r.nextInt(150);
        Map<Integer, JsonNode> payloads = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            payloads.put(i, payload(r));
        }
        PayloadIndexes indexes = new PayloadIndexes();
        indexes.create("t", new PayloadFieldSchema(PayloadSchemaType.TEXT, PayloadFieldSchema.Options.NONE,
                analyzer.params()), payloads.entrySet());
        // Replace a few payloads, so that removal is covered too.
        for (int i = 0; i < n / 10; i++) {
            int o = r.nextInt(n);
            JsonNode next = payload(r);
            indexes.replace(o, payloads.get(o), next);
            payloads.put(o, next);
        }
        for (int q = 0; q < 30; q++) {
            String kind = KINDS[r.nextInt(KINDS.length)];
            String query = text(r, 1 + r.nextInt(3));
            String where = "seed=" + seed + " config=[" + config + "] " + kind + "='" + query + "'";
            Filter filter = Filter.parse(json("{'must': [{'key': 't', 'match': {'" + kind + "': " + JSON.valueToTree(query) + "}}]}"));
            Filter bound = indexes.bind(filter);
            Filter negated = indexes.bind(Filter.parse(json(
                    "{'must_not': [{'should': [{'key': 't', 'match': {'" + kind + "': " + JSON.valueToTree(query) + "}}]}]}")));
            BitSet candidates = indexes.candidates(bound).orElseThrow(() -> new AssertionError("no candidates: " + where));
            for (Map.Entry<Integer, JsonNode> e : payloads.entrySet()) {
                boolean expected = values(e.getValue()).stream().anyMatch(v -> tokenMatch(analyzer, kind, query, v));
                assertEquals(expected, bound.test(null, e.getValue()), where + " point " + e.getValue());
                assertEquals(!expected, negated.test(null, e.getValue()), where + " (must_not) point " + e.getValue());
                assertTrue(!expected || candidates.get(e.getKey()), where + " candidate missing: " + e.getValue());
                boolean substring = values(e.getValue()).stream().anyMatch(v -> substringMatch(kind, query, v));
                assertEquals(substring, filter.test(null, e.getValue()), where + " unindexed point " + e.getValue());
            }
        }
    }

    /** Qdrant's semantics on tokens, written out plainly. */
    private static boolean tokenMatch(TextAnalyzer analyzer, String kind, String query, String value) {
        List<String> q = analyzer.queryTokens(query);
        if (q.isEmpty()) {
            return false;
        }
        Set<String> doc = new HashSet<>(analyzer.documentTokens(value));
        return switch (kind) {
            case "text" -> doc.containsAll(q);
            case "text_any" -> q.stream().anyMatch(doc::contains);
            default -> Collections.indexOfSubList(analyzer.queryTokens(value), q) >= 0;
        };
    }

    /** Qdrant's fallback without an index. */
    private static boolean substringMatch(String kind, String query, String value) {
        if (!kind.equals("text_any")) {
            return value.contains(query);
        }
        for (String word : query.split("\\s+")) {
            if (!word.isEmpty() && value.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> values(JsonNode payload) {
        JsonNode t = payload.get("t");
        List<String> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        if (t.isTextual()) {
            out.add(t.textValue());
        }
        if (t.isArray()) {
            t.forEach(v -> {
                if (v.isTextual()) {
                    out.add(v.textValue());
                }
            });
        }
        return out;
    }

    private static JsonNode payload(Random r) {
        ObjectNode p = NODES.objectNode();
        switch (r.nextInt(6)) {
            case 0 -> {
            }
            case 1 -> p.put("t", r.nextInt(10));
            case 2 -> {
                ArrayNode a = p.putArray("t");
                for (int i = r.nextInt(3); i >= 0; i--) {
                    a.add(text(r, 1 + r.nextInt(4)));
                }
            }
            default -> p.put("t", text(r, 1 + r.nextInt(8)));
        }
        return p;
    }

    private static String text(Random r, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                s.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
            }
            s.append(WORDS[r.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nestedConditionsUseTheIndexOfTheFullPath() {
        PayloadIndexes indexes = new PayloadIndexes();
        indexes.create("items[].t", PayloadFieldSchema.parse(json("{'type': 'text', 'stemmer': "
                + "{'type': 'snowball', 'language': 'english'}}"), "field_schema"), List.of());
        JsonNode payload = json("{'items': [{'t': 'Running dogs', 'n': 1}, {'t': 'cats', 'n': 2}]}");
        indexes.add(0, payload);
        Filter nested = Filter.parse(json("{'must': [{'nested': {'key': 'items', 'filter': {'must': ["
                + "{'key': 't', 'match': {'text': 'dog runs'}}, {'key': 'n', 'match': {'value': 1}}]}}}]}"));
        assertFalse(nested.test(null, payload), "unbound: a substring match");
        assertTrue(indexes.bind(nested).test(null, payload), "bound: stemmed tokens");
        Filter wrongElement = Filter.parse(json("{'must': [{'nested': {'key': 'items', 'filter': {'must': ["
                + "{'key': 't', 'match': {'text': 'dog'}}, {'key': 'n', 'match': {'value': 2}}]}}}]}"));
        assertFalse(indexes.bind(wrongElement).test(null, payload));
    }

    @Test
    void aQueryOfOnlyStopwordsMatchesNothing() {
        PayloadIndexes indexes = new PayloadIndexes();
        indexes.create("t", PayloadFieldSchema.parse(json("{'type': 'text', 'stopwords': 'english'}"), "field_schema"),
                List.of());
        JsonNode payload = json("{'t': 'the cat and the hat'}");
        indexes.add(0, payload);
        for (String kind : KINDS) {
            Filter f = indexes.bind(Filter.parse(json("{'must': [{'key': 't', 'match': {'" + kind + "': 'the and'}}]}")));
            assertFalse(f.test(null, payload), kind);
            assertTrue(indexes.candidates(f).orElseThrow().isEmpty(), kind);
        }
    }

    @Test
    void phraseNeedsAdjacentTokensInOrder() {
        PayloadIndexes indexes = new PayloadIndexes();
        indexes.create("t", PayloadFieldSchema.parse(json("{'type': 'text', 'phrase_matching': true}"), "field_schema"),
                List.of());
        JsonNode payload = json("{'t': 'The quick brown fox'}");
        indexes.add(0, payload);
        assertTrue(bound(indexes, "phrase", "QUICK, brown").test(null, payload));
        assertFalse(bound(indexes, "phrase", "brown quick").test(null, payload));
        assertFalse(bound(indexes, "phrase", "quick fox").test(null, payload));
        assertTrue(bound(indexes, "text", "fox quick").test(null, payload));
        assertTrue(bound(indexes, "text_any", "wolf fox").test(null, payload));
        assertFalse(bound(indexes, "text", "wolf fox").test(null, payload));
    }

    private static Filter bound(PayloadIndexes indexes, String kind, String query) {
        return indexes.bind(Filter.parse(json("{'must': [{'key': 't', 'match': {'" + kind + "': '" + query + "'}}]}")));
    }
}
