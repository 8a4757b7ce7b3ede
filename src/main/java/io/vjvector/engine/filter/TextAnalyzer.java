package io.vjvector.engine.filter;

import io.vjvector.engine.text.TextLanguages;
import io.vjvector.engine.text.TextProcessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Turns text into the tokens of a full-text index, with Lucene's analysis chain in Qdrant's
 * order: tokenize → fold to ASCII → lowercase → drop stopwords → stem → bound the length.
 * Immutable and thread-safe (Lucene analyzers keep per-thread token streams).
 *
 * <p>Documents and queries differ only for the prefix tokenizer: a stored word is indexed as all
 * its prefixes from {@code min_token_len} to {@code max_token_len} characters, while a query word
 * stays one token (cut to {@code max_token_len}), so {@code "hel"} finds {@code "hello"}.
 */
public final class TextAnalyzer {

    private final TextIndexParams params;
    private final CharArraySet stopwords;
    private final Analyzer document;
    private final Analyzer query;

    /** An analyzer for checked parameters (see {@link PayloadFieldSchema#parse}). */
    public TextAnalyzer(TextIndexParams params) {
        this.params = params;
        this.stopwords = stopwordSet(params.stopwords());
        this.query = analyzer(false);
        this.document = params.tokenizer() == TextProcessing.Tokenizer.PREFIX ? analyzer(true) : query;
    }

    public TextIndexParams params() {
        return params;
    }

    /** The tokens a stored string is indexed under, in text order (repeats kept). */
    public List<String> documentTokens(String text) {
        return tokens(document, text);
    }

    /** The tokens of a query string, and of a phrase on either side, in text order. */
    public List<String> queryTokens(String text) {
        return tokens(query, text);
    }

    private static List<String> tokens(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            // Only a Reader over a String is ever read.
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private Analyzer analyzer(boolean prefixes) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = tokenizer();
                TokenStream stream = TextProcessing.normalize(source, params);
                if (stopwords != null) {
                    stream = new StopFilter(stream, stopwords);
                }
                if (params.stemmer() != null) {
                    stream = new SnowballFilter(stream, TextLanguages.stemmer(params.stemmer()));
                }
                return new TokenStreamComponents(source, bound(stream, prefixes));
            }
        };
    }

    private TokenStream bound(TokenStream stream, boolean prefixes) {
        int min = params.minTokenLen() == null ? 0 : params.minTokenLen();
        int max = params.maxTokenLen() == null ? Integer.MAX_VALUE : params.maxTokenLen();
        if (params.tokenizer() != TextProcessing.Tokenizer.PREFIX) {
            return new LengthFilter(stream, min, max);
        }
        if (prefixes) {
            // Words shorter than min_token_len give no prefix, as they would give no token.
            return new EdgeNGramTokenFilter(stream, Math.max(1, min), max, false);
        }
        stream = new LengthFilter(stream, min, Integer.MAX_VALUE);
        return max == Integer.MAX_VALUE ? stream : new TruncateTokenFilter(stream, max);
    }

    private Tokenizer tokenizer() {
        return switch (params.tokenizer()) {
            case WORD, PREFIX -> CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
            case WHITESPACE -> new WhitespaceTokenizer();
            case MULTILINGUAL -> new StandardTokenizer();
        };
    }

    /** Matched ignoring case, so that stopwords apply also with lowercase off. */
    private static CharArraySet stopwordSet(TextIndexParams.Stopwords spec) {
        if (spec == null) {
            return null;
        }
        CharArraySet set = new CharArraySet(64, true);
        for (String language : spec.languages()) {
            set.addAll(TextLanguages.luceneStopwords(language));
        }
        set.addAll(spec.custom());
        return set;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextAnalyzer other && params.equals(other.params);
    }

    @Override
    public int hashCode() {
        return params.hashCode();
    }

    @Override
    public String toString() {
        return "TextAnalyzer" + params;
    }
}
