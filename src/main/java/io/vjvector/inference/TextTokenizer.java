package io.vjvector.inference;

import io.vjvector.engine.text.TextLanguages;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tartarus.snowball.SnowballStemmer;

/**
 * Turns text into the tokens of Qdrant's text processing: split by the configured tokenizer, then
 * per token, in Qdrant's order ({@code TokensProcessor}): ASCII folding, lowercasing, stopword
 * removal, stemming, length limits (in Unicode code points, as Rust counts {@code chars}).
 *
 * <p>Splitting follows Rust's definitions: the word and prefix tokenizers split on characters that
 * are not alphanumeric ({@code char::is_alphanumeric}: Unicode Alphabetic or a numeric category),
 * the whitespace tokenizer on Unicode White_Space. The multilingual tokenizer is an approximation:
 * Qdrant segments with the charabia crate (dictionaries for Chinese, Japanese, Thai…), this uses
 * the JDK's Unicode word boundaries, which agree on space-separated scripts only.
 *
 * <p>Immutable and thread-safe; each call takes its own stemmer.
 */
final class TextTokenizer {

    private final Bm25Options options;
    private final Set<String> stopwords;

    TextTokenizer(Bm25Options options) {
        this.options = options;
        Set<String> words = new HashSet<>();
        for (String language : options.stopwordLanguages()) {
            words.addAll(StopwordLists.of(language));
        }
        words.addAll(options.customStopwords());
        if (options.lowercase()) {
            // As Qdrant's StopwordsFilter: with lowercasing on, the lists are compared lowercased.
            Set<String> lower = new HashSet<>();
            for (String word : words) {
                lower.add(word.toLowerCase(Locale.ROOT));
            }
            words = lower;
        }
        this.stopwords = Set.copyOf(words);
    }

    /** Tokens of a document to index; repeated tokens are repeated. */
    List<String> documentTokens(String text) {
        return tokenize(text, false);
    }

    /** Tokens of a query (differs from the document's only for the prefix tokenizer). */
    List<String> queryTokens(String text) {
        return tokenize(text, true);
    }

    private List<String> tokenize(String text, boolean query) {
        Processor processor = new Processor();
        List<String> tokens = new ArrayList<>();
        switch (options.tokenizer()) {
            case WORD -> {
                for (String word : split(text, TextTokenizer::isAlphanumeric)) {
                    addIfKept(tokens, processor.process(word, true));
                }
            }
            case WHITESPACE -> {
                for (String word : split(text, cp -> !isWhiteSpace(cp))) {
                    addIfKept(tokens, processor.process(word, true));
                }
            }
            case MULTILINGUAL -> {
                for (String word : words(text)) {
                    addIfKept(tokens, processor.process(word, true));
                }
            }
            case PREFIX -> {
                for (String word : split(text, TextTokenizer::isAlphanumeric)) {
                    if (query) {
                        addIfKept(tokens, processor.prefixQuery(word));
                    } else {
                        processor.prefixes(word, tokens);
                    }
                }
            }
        }
        return tokens;
    }

    private static void addIfKept(List<String> tokens, String token) {
        if (token != null) {
            tokens.add(token);
        }
    }

    /** The non-empty runs of code points that {@code inToken} accepts. */
    private static List<String> split(String text, java.util.function.IntPredicate inToken) {
        List<String> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (inToken.test(cp)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                runs.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            runs.add(text.substring(start));
        }
        return runs;
    }

    /** Unicode word segments that hold at least one alphanumeric character. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        BreakIterator boundaries = BreakIterator.getWordInstance(Locale.ROOT);
        boundaries.setText(text);
        for (int start = boundaries.first(), end = boundaries.next(); end != BreakIterator.DONE;
             start = end, end = boundaries.next()) {
            String segment = text.substring(start, end);
            if (segment.codePoints().anyMatch(TextTokenizer::isAlphanumeric)) {
                words.add(segment);
            }
        }
        return words;
    }

    /** Rust's {@code char::is_alphanumeric}: Alphabetic, or general category Nd, Nl or No. */
    static boolean isAlphanumeric(int cp) {
        if (Character.isAlphabetic(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Unicode's White_Space property, which Rust's {@code split_whitespace} uses. */
    static boolean isWhiteSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    /** The per-token steps, with the stemmer of one tokenization. */
    private final class Processor {

        private final SnowballStemmer stemmer =
                options.stemmerLanguage() == null ? null : TextLanguages.stemmer(options.stemmerLanguage());

        /** The processed token, or null when it is dropped. */
        String process(String token, boolean checkMaxLength) {
            if (token.isEmpty()) {
                return null;
            }
            String t = options.normalize(token);
            if (stopwords.contains(t)) {
                return null;
            }
            t = stem(t);
            int length = t.codePointCount(0, t.length());
            if ((options.minTokenLen() != null && length < options.minTokenLen())
                    || (checkMaxLength && options.maxTokenLen() != null && length > options.maxTokenLen())) {
                return null;
            }
            return t;
        }

        /**
         * A document word as the prefix tokenizer indexes it: the processed word's prefixes of
         * {@code min_token_len} (default 1) up to {@code max_token_len} code points, the whole
         * word last if it is shorter than the maximum.
         */
        void prefixes(String word, List<String> out) {
            String t = process(word, false);
            if (t == null) {
                return;
            }
            int min = options.minTokenLen() == null ? 1 : options.minTokenLen();
            int max = options.maxTokenLen() == null ? Integer.MAX_VALUE : options.maxTokenLen();
            int length = t.codePointCount(0, t.length());
            for (int n = min; n <= max; n++) {
                if (n >= length) {
                    out.add(t);
                    return;
                }
                out.add(t.substring(0, t.offsetByCodePoints(0, n)));
            }
        }

        /**
         * A query word for the prefix tokenizer: no stopword removal (a query may be a prefix of a
         * longer word), cut to {@code max_token_len} code points.
         */
        String prefixQuery(String word) {
            String t = stem(options.normalize(word));
            int length = t.codePointCount(0, t.length());
            if (options.minTokenLen() != null && length < options.minTokenLen()) {
                return null;
            }
            if (options.maxTokenLen() != null && length > options.maxTokenLen()) {
                return t.substring(0, t.offsetByCodePoints(0, options.maxTokenLen()));
            }
            return t;
        }

        private String stem(String token) {
            if (stemmer == null) {
                return token;
            }
            stemmer.setCurrent(token);
            stemmer.stem();
            return stemmer.getCurrent();
        }
    }
}
