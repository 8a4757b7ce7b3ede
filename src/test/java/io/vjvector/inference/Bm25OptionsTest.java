package io.vjvector.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Bm25OptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Bm25Options parse(String json) throws IOException {
        return Bm25Options.parse(JSON.readTree(json));
    }

    @Test
    void defaultsAreQdrants() throws IOException {
        Bm25Options d = Bm25Options.defaults();
        assertEquals(1.2, d.k());
        assertEquals(0.75, d.b());
        assertEquals(256.0, d.avgLen());
        assertEquals("english", d.language());
        assertTrue(d.lowercase());
        assertEquals(false, d.asciiFolding());
        assertEquals(Bm25Options.Tokenizer.WORD, d.tokenizer());
        assertEquals("english", d.stemmerLanguage());
        assertEquals(Set.of("english"), d.stopwordLanguages());
        assertNull(d.minTokenLen());
        assertNull(d.maxTokenLen());
        assertEquals(d, parse("{}"));
        assertEquals(d, Bm25Options.parse(JSON.readTree("null")));
        // keys of other models are ignored, as Qdrant ignores them
        assertEquals(d, parse("{\"dimensions\": 3, \"k\": null}"));
    }

    @Test
    void readsEveryOption() throws IOException {
        Bm25Options o = parse("{\"k\": 1.5, \"b\": 0.5, \"avg_len\": 12, \"language\": \"de\", \"lowercase\": false,"
                + " \"ascii_folding\": true, \"tokenizer\": \"prefix\", \"stemmer\": {\"type\": \"snowball\", \"language\": \"fr\"},"
                + " \"stopwords\": {\"languages\": [\"it\", \"spanish\"], \"custom\": [\"foo\"]},"
                + " \"min_token_len\": 2, \"max_token_len\": 9}");
        assertEquals(1.5, o.k());
        assertEquals(0.5, o.b());
        assertEquals(12.0, o.avgLen());
        assertEquals("de", o.language());
        assertEquals(false, o.lowercase());
        assertTrue(o.asciiFolding());
        assertEquals(Bm25Options.Tokenizer.PREFIX, o.tokenizer());
        assertEquals("french", o.stemmerLanguage());
        assertEquals(Set.of("italian", "spanish"), o.stopwordLanguages());
        assertEquals(Set.of("foo"), o.customStopwords());
        assertEquals(2, o.minTokenLen());
        assertEquals(9, o.maxTokenLen());
    }

    @Test
    void languageNoneDisablesStemmingAndStopwords() throws IOException {
        Bm25Options o = parse("{\"language\": \"none\"}");
        assertNull(o.stemmerLanguage());
        assertEquals(Set.of(), o.stopwordLanguages());
        Bm25Options tamil = parse("{\"language\": \"tamil\"}");   // a stemmer but no stopword list in Qdrant
        assertEquals("tamil", tamil.stemmerLanguage());
        assertEquals(Set.of(), tamil.stopwordLanguages());
        Bm25Options stopwordsOnly = parse("{\"stopwords\": \"german\"}");
        assertEquals(Set.of("german"), stopwordsOnly.stopwordLanguages());
        assertEquals("english", stopwordsOnly.stemmerLanguage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1, 2]                                    | options must be an object",
        "{\"k\": -1}                               | option 'k' must be >= 0",
        "{\"k\": \"big\"}                          | option 'k' must be a finite number",
        "{\"b\": 1.5}                              | option 'b' must be between 0 and 1",
        "{\"avg_len\": 0}                          | option 'avg_len' must be > 0",
        "{\"lowercase\": \"yes\"}                  | option 'lowercase' must be true or false",
        "{\"ascii_folding\": 1}                    | option 'ascii_folding' must be true or false",
        "{\"tokenizer\": \"ngram\"}                | option 'tokenizer' must be one of",
        "{\"language\": \"klingon\"}               | option 'language' 'klingon' is not supported",
        "{\"language\": 7}                         | option 'language' must be a string",
        "{\"stemmer\": {\"type\": \"porter\"}}     | option 'stemmer' must be",
        "{\"stemmer\": {\"type\": \"snowball\"}}   | option 'stemmer.language' is required",
        "{\"stemmer\": {\"type\": \"snowball\", \"language\": \"chinese\"}} | option 'stemmer.language'",
        "{\"stopwords\": 5}                        | option 'stopwords' must be",
        "{\"stopwords\": \"elvish\"}               | option 'stopwords': no stopword list",
        "{\"stopwords\": {\"custom\": [1]}}        | option 'stopwords.custom' must be an array of strings",
        "{\"stopwords\": {\"languages\": [\"x\"]}} | option 'stopwords.languages'",
        "{\"min_token_len\": -1}                   | option 'min_token_len' must be an integer >= 0",
        "{\"max_token_len\": 2.5}                  | option 'max_token_len' must be an integer >= 0",
    })
    void rejectsInvalidOptionsNamingThem(String json, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json));
        assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
    }
}
