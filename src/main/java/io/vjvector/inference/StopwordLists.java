package io.vjvector.inference;

import io.vjvector.engine.text.TextLanguages;
import java.util.Set;

/**
 * The stopword lists of the {@code qdrant/bm25} model: Qdrant's own (NLTK) list for English and
 * Lucene's for other languages, as {@link TextLanguages#qdrantStopwords} explains. The full-text
 * payload index uses Lucene's lists throughout instead.
 */
final class StopwordLists {

    private StopwordLists() {
    }

    /** The stopwords of a canonical language name ({@link TextLanguages#stopwordLanguage}); empty if none. */
    static Set<String> of(String language) {
        return TextLanguages.qdrantStopwords(language);
    }
}
