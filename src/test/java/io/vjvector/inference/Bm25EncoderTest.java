package io.vjvector.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vjvector.engine.index.sparse.SparseVector;
import java.util.List;
import org.junit.jupiter.api.Test;

class Bm25EncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // Token ids computed independently of the code under test: |murmur3_x86_32(utf8, seed 0)|.
    private static final int HELLO = 613153351;
    private static final int WORLD = 74040069;
    private static final int RUN = 243905464;
    private static final int RUNNING = 858463077;
    private static final int VECTOR = 1955147705;
    private static final int SEARCH = 553238108;
    private static final int DATABAS = 1423958341;
    private static final int THE = 1132748958;
    private static final int CAT = 1751422759;

    private static Bm25Encoder encoder(String options) {
        try {
            JsonNode node = options == null ? null : JSON.readTree(options);
            return new Bm25Encoder(Bm25Options.parse(node));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float valueAt(SparseVector v, int index) {
        for (int i = 0; i < v.size(); i++) {
            if (v.index(i) == index) {
                return v.value(i);
            }
        }
        throw new AssertionError("index " + index + " not in " + v);
    }

    @Test
    void tokenIdsAreMurmur3OfTheUtf8TokenWithSeedZero() {
        assertEquals(HELLO, TokenIds.of("hello"));
        assertEquals(WORLD, TokenIds.of("world"));
        assertEquals(993413998, TokenIds.of("привет"));
        assertEquals(Math.abs(0x2e4ff723), TokenIds.of("The quick brown fox jumps over the lazy dog"));
        // 0x5e928f0f is the reference value of murmur3_x86_32("hello world", 0)
        assertEquals(0x5e928f0f, TokenIds.of("hello world"));
    }

    @Test
    void defaultsLowercaseRemoveEnglishStopwordsAndStem() {
        Bm25Encoder bm25 = encoder(null);
        SparseVector query = bm25.encodeQuery("The RUNNING cats, and the vectors!");
        // the, and: stopwords; running -> run, cats -> cat, vectors -> vector
        assertArrayEquals(sorted(RUN, CAT, VECTOR), query.indices());
        assertArrayEquals(new float[] {1f, 1f, 1f}, query.values());
        assertEquals(bm25.encodeQuery("run cat vector"), query);
    }

    @Test
    void queryGivesEveryDistinctTokenOne() {
        SparseVector query = encoder(null).encodeQuery("vector search vector vectors");
        assertArrayEquals(sorted(VECTOR, SEARCH), query.indices());
        assertArrayEquals(new float[] {1f, 1f}, query.values());
    }

    @Test
    void documentWeightsFollowTheBm25TermFrequencyFormula() {
        // tokens after stopwords and stemming: vector, search, vector, databas (length 4)
        SparseVector doc = encoder(null).encodeDocument("Vector search: the vector databases");
        assertArrayEquals(sorted(VECTOR, SEARCH, DATABAS), doc.indices());
        // tf * (k + 1) / (tf + k * (1 - b + b * len / avg_len)), k 1.2, b 0.75, avg_len 256, len 4
        float twice = (float) (2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 4 / 256.0)));
        float once = (float) (1 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 4 / 256.0)));
        assertEquals(twice, valueAt(doc, VECTOR), 1e-6f);
        assertEquals(1.9014180f, valueAt(doc, VECTOR), 1e-6f);
        assertEquals(once, valueAt(doc, SEARCH), 1e-6f);
        assertEquals(1.6741974f, valueAt(doc, DATABAS), 1e-6f);
    }

    @Test
    void repeatedTokensSaturateBelowKPlusOne() {
        Bm25Encoder bm25 = encoder("{\"avg_len\": 10}");
        float previous = 0f;
        for (int repeats = 1; repeats <= 50; repeats *= 2) {
            String text = "vector ".repeat(repeats);
            float w = valueAt(bm25.encodeDocument(text), VECTOR);
            assertTrue(w > 0f && w < 2.2f, "weight " + w + " for " + repeats);
            if (repeats > 1) {
                // longer document, more occurrences: still grows, ever more slowly
                assertTrue(w >= previous, repeats + ": " + w + " < " + previous);
            }
            previous = w;
        }
    }

    @Test
    void matchesQdrantsOwnReferenceCase() {
        // Qdrant's bm25 crate test: "the cat sat on the", whitespace tokens, k 1.2, b 0.75, avg_len 5
        // -> "the" occurs twice in 5 tokens: 2 * 2.2 / (1.2 * 1 + 2) = 1.375
        Bm25Encoder bm25 = encoder("{\"avg_len\": 5, \"language\": \"none\", \"tokenizer\": \"whitespace\"}");
        SparseVector doc = bm25.encodeDocument("the cat sat on the");
        assertEquals(4, doc.size());
        assertEquals(1.375f, valueAt(doc, THE));
        assertEquals(1.0f, valueAt(doc, CAT));
    }

    @Test
    void lengthNormalisationLowersWeightsOfLongDocuments() {
        Bm25Encoder bm25 = encoder("{\"avg_len\": 5}");
        float shortDoc = valueAt(bm25.encodeDocument("hello world hello"), HELLO);
        float longDoc = valueAt(bm25.encodeDocument("hello world hello lorem ipsum dolor sit amet elit"), HELLO);
        assertTrue(longDoc < shortDoc, longDoc + " >= " + shortDoc);
        Bm25Encoder noNormalisation = encoder("{\"avg_len\": 5, \"b\": 0}");
        assertEquals(valueAt(noNormalisation.encodeDocument("hello world hello"), HELLO),
                valueAt(noNormalisation.encodeDocument("hello world hello lorem ipsum dolor sit amet elit"), HELLO));
    }

    @Test
    void encodingIsDeterministic() {
        Bm25Encoder a = encoder(null);
        Bm25Encoder b = encoder("{}");
        String text = "Sparse vectors and BM25: searching, indexing and ranking documents quickly.";
        assertEquals(a.encodeDocument(text), b.encodeDocument(text));
        assertEquals(a.encodeDocument(text), a.encodeDocument(text));
        assertEquals(a.encodeQuery(text), b.encodeQuery(text));
    }

    @Test
    void textWithoutTokensGivesAnEmptyVector() {
        Bm25Encoder bm25 = encoder(null);
        assertEquals(SparseVector.EMPTY, bm25.encodeDocument(""));
        assertEquals(SparseVector.EMPTY, bm25.encodeDocument("the and of, !!"));
        assertEquals(SparseVector.EMPTY, bm25.encodeQuery("   "));
    }

    @Test
    void stemmerCanBeTurnedOff() {
        SparseVector stemmed = encoder(null).encodeQuery("running run");
        SparseVector unstemmed = encoder("{\"stemmer\": {\"type\": \"none\"}}").encodeQuery("running run");
        assertArrayEquals(new int[] {RUN}, stemmed.indices());
        assertArrayEquals(sorted(RUN, RUNNING), unstemmed.indices());
    }

    @Test
    void wordTokenizerSplitsOnNonAlphanumericsInAnyScript() {
        TextTokenizer tokenizer = new TextTokenizer(options("{\"language\": \"none\"}"));
        assertEquals(List.of("hello", "world", "привет", "мир", "42"), tokenizer.documentTokens("hello, world! Привет, мир! 42"));
        TextTokenizer keepCase = new TextTokenizer(options("{\"language\": \"none\", \"lowercase\": false}"));
        assertEquals(List.of("Hello", "Мир"), keepCase.documentTokens("Hello-Мир"));
    }

    @Test
    void whitespaceTokenizerKeepsPunctuation() {
        TextTokenizer tokenizer = new TextTokenizer(options("{\"language\": \"none\", \"tokenizer\": \"whitespace\"}"));
        assertEquals(List.of("hello,", "world!"), tokenizer.documentTokens(" hello,\u00a0world!\n"));
    }

    @Test
    void prefixTokenizerIndexesPrefixesAndQueriesTheLongestAllowed() {
        TextTokenizer tokenizer = new TextTokenizer(options(
                "{\"language\": \"none\", \"tokenizer\": \"prefix\", \"min_token_len\": 1, \"max_token_len\": 4}"));
        // Qdrant's own tokenizer test case
        assertEquals(List.of("h", "he", "hel", "hell", "м", "ми", "мир"), tokenizer.documentTokens("hello, мир!"));
        assertEquals(List.of("hell", "мир"), tokenizer.queryTokens("hello, мир!"));
    }

    @Test
    void tokenLengthLimitsDropTokens() {
        TextTokenizer tokenizer = new TextTokenizer(options(
                "{\"language\": \"none\", \"min_token_len\": 3, \"max_token_len\": 5}"));
        assertEquals(List.of("abc", "abcde"), tokenizer.documentTokens("a ab abc abcde abcdef"));
    }

    @Test
    void asciiFoldingRemovesAccents() {
        TextTokenizer tokenizer = new TextTokenizer(options("{\"language\": \"none\", \"ascii_folding\": true}"));
        assertEquals(List.of("acao", "naive", "facade"), tokenizer.documentTokens("ação naïve Façade"));
        TextTokenizer plain = new TextTokenizer(options("{\"language\": \"none\"}"));
        assertEquals(List.of("ação"), plain.documentTokens("ação"));
    }

    @Test
    void otherLanguagesUseTheirStopwordsAndStemmer() {
        TextTokenizer french = new TextTokenizer(options("{\"language\": \"french\"}"));
        assertEquals(List.of("chat", "noiset"), french.documentTokens("le chat et les noisettes"));
        TextTokenizer byCode = new TextTokenizer(options("{\"language\": \"fr\"}"));
        assertEquals(french.documentTokens("les chats"), byCode.documentTokens("les chats"));
        // Stopwords of another language than the stemmer's, plus custom ones (lowercased like the text).
        TextTokenizer custom = new TextTokenizer(options(
                "{\"stopwords\": {\"languages\": [\"english\"], \"custom\": [\"Vector\"]}}"));
        assertEquals(List.of("search"), custom.documentTokens("the vector search"));
        TextTokenizer none = new TextTokenizer(options("{\"language\": \"none\"}"));
        assertEquals(List.of("the", "running"), none.documentTokens("The running"));
    }

    @Test
    void allSupportedLanguagesLoad() {
        for (String language : new String[] {"arabic", "armenian", "azerbaijani", "basque", "bengali", "catalan",
                "chinese", "danish", "dutch", "english", "finnish", "french", "german", "greek", "hebrew", "hinglish",
                "hungarian", "indonesian", "italian", "japanese", "kazakh", "nepali", "norwegian", "portuguese",
                "romanian", "russian", "slovene", "spanish", "swedish", "tajik", "tamil", "turkish"}) {
            Bm25Encoder bm25 = encoder("{\"language\": \"" + language + "\"}");
            assertNotEquals(null, bm25.encodeDocument("qdrant vector search engine"), language);
        }
        assertEquals(179, StopwordLists.of("english").size());
        assertTrue(StopwordLists.of("german").contains("und"));
    }

    private static Bm25Options options(String json) {
        try {
            return Bm25Options.parse(JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] sorted(int... indices) {
        int[] copy = indices.clone();
        java.util.Arrays.sort(copy);
        return copy;
    }
}
