package io.vjvector.engine.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each text index parameter does to the tokens (Lucene's analysis in Qdrant's order). */
class TextAnalyzerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static TextAnalyzer analyzer(String params) {
        try {
            PayloadFieldSchema schema = PayloadFieldSchema.parse(
                    JSON.readTree(("{'type': 'text'" + (params.isEmpty() ? "" : ", " + params) + "}").replace('\'', '"')),
                    "field_schema");
            return new TextAnalyzer(schema.text());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void wordTokenizerSplitsAtNonAlphanumericsAndLowercasesByDefault() {
        assertEquals(List.of("hello", "wörld", "42", "a", "b"), analyzer("").documentTokens("Hello, Wörld! 42 a_b"));
    }

    @Test
    void whitespaceTokenizerKeepsPunctuation() {
        assertEquals(List.of("hello,", "a_b"), analyzer("'tokenizer': 'whitespace'").documentTokens("Hello,  a_b"));
    }

    @Test
    void lowercaseOffKeepsCase() {
        assertEquals(List.of("Hello", "World"), analyzer("'lowercase': false").documentTokens("Hello World"));
    }

    @Test
    void snowballStemmerReducesInflections() {
        TextAnalyzer a = analyzer("'stemmer': {'type': 'snowball', 'language': 'english'}");
        assertEquals(List.of("run", "run", "cat"), a.documentTokens("running runs cats"));
        assertEquals(a.queryTokens("Runners"), a.queryTokens("runner"));
    }

    @Test
    void stopwordsAreDroppedByLanguageAndCustomList() {
        assertEquals(List.of("quick", "fox"), analyzer("'stopwords': 'english'").documentTokens("The quick AND the fox"));
        assertEquals(List.of("the", "fox"),
                analyzer("'stopwords': {'custom': ['quick']}").documentTokens("the quick fox"));
        assertEquals(List.of("fox"),
                analyzer("'stopwords': {'languages': ['english'], 'custom': ['quick']}").documentTokens("the quick fox"));
        assertEquals(List.of("le", "fox"), analyzer("'stopwords': ['the', 'quick']").documentTokens("The quick le fox"));
        assertTrue(analyzer("'stopwords': 'french'").documentTokens("le chat").contains("chat"));
        assertEquals(List.of("chat"), analyzer("'stopwords': 'french'").documentTokens("le chat"));
    }

    @Test
    void tokenLengthBoundsDropShortAndLongTokens() {
        assertEquals(List.of("abc", "abcd"), analyzer("'min_token_len': 3, 'max_token_len': 4")
                .documentTokens("a ab abc abcd abcde"));
    }

    @Test
    void prefixTokenizerIndexesPrefixesAndCutsQueryTokens() {
        TextAnalyzer a = analyzer("'tokenizer': 'prefix', 'min_token_len': 2, 'max_token_len': 4");
        assertEquals(List.of("qd", "qdr", "qdra", "is"), a.documentTokens("Qdrant is a"));
        assertEquals(List.of("qdra"), a.queryTokens("QDRANTS"));
        assertEquals(List.of("qd"), a.queryTokens("q qd"));
    }

    @Test
    void asciiFoldingStripsAccents() {
        assertEquals(List.of("acao", "creme"), analyzer("'ascii_folding': true").documentTokens("Ação crème"));
    }

    @Test
    void multilingualTokenizerSplitsIdeographs() {
        assertEquals(List.of("東", "京", "tokyo"), analyzer("'tokenizer': 'multilingual'").documentTokens("東京 Tokyo"));
    }
}
