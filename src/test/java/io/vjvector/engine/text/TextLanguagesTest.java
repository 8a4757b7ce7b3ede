package io.vjvector.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tartarus.snowball.SnowballStemmer;

/** The language table that the full-text index and the qdrant/bm25 model share. */
class TextLanguagesTest {

    @Test
    void stemmerLanguagesAreQdrantsSnowballLanguagesInAlphabeticalOrder() {
        assertEquals(List.of("arabic", "armenian", "danish", "dutch", "english", "finnish", "french", "german",
                        "greek", "hungarian", "italian", "norwegian", "portuguese", "romanian", "russian", "spanish",
                        "swedish", "tamil", "turkish"),
                List.copyOf(TextLanguages.stemmerLanguages()));
    }

    @Test
    void luceneStopwordLanguagesAreThoseLuceneHasAListFor() {
        Set<String> languages = TextLanguages.luceneStopwordLanguages();
        assertEquals(22, languages.size());
        assertTrue(languages.containsAll(Set.of("basque", "bengali", "catalan", "indonesian", "nepali", "english")));
        assertFalse(languages.contains("chinese"));
        assertFalse(languages.contains("tamil"));
    }

    @Test
    void namesAndIsoCodesResolveOnlyWhereQdrantHasTheStepForTheLanguage() {
        assertEquals(Optional.of("french"), TextLanguages.stemmerLanguage("fr"));
        assertEquals(Optional.of("french"), TextLanguages.stemmerLanguage("french"));
        assertEquals(Optional.of("armenian"), TextLanguages.stemmerLanguage("hy"));
        assertEquals(Optional.empty(), TextLanguages.stemmerLanguage("zh"));
        assertEquals(Optional.of("chinese"), TextLanguages.stopwordLanguage("zh"));
        assertEquals(Optional.of("hinglish"), TextLanguages.stopwordLanguage("hi-en"));
        assertEquals(Optional.empty(), TextLanguages.stopwordLanguage("ta"));
        assertEquals(Optional.empty(), TextLanguages.stopwordLanguage("English"));
        assertEquals(Optional.empty(), TextLanguages.stemmerLanguage("klingon"));
    }

    @Test
    void eachStemmerCallGivesAFreshStemmer() {
        SnowballStemmer a = TextLanguages.stemmer("english");
        assertTrue(a != TextLanguages.stemmer("english"));
        a.setCurrent("running");
        a.stem();
        assertEquals("run", a.getCurrent());
        assertThrows(IllegalArgumentException.class, () -> TextLanguages.stemmer("chinese"));
    }

    @Test
    void englishStopwordsDifferBetweenLuceneAndQdrantsNltkList() {
        assertEquals(33, TextLanguages.luceneStopwords("english").size());
        assertEquals(179, TextLanguages.qdrantStopwords("english").size());
        assertTrue(TextLanguages.qdrantStopwords("english").contains("myself"));
        assertFalse(TextLanguages.luceneStopwords("english").contains("myself"));
        // other languages: the same Lucene list in both forms
        assertEquals(TextLanguages.luceneStopwords("german").size(), TextLanguages.qdrantStopwords("german").size());
        assertEquals(Set.of(), TextLanguages.qdrantStopwords("japanese"));
        assertThrows(IllegalArgumentException.class, () -> TextLanguages.luceneStopwords("japanese"));
    }
}
