package io.vjvector.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.text.TextLanguages;
import io.vjvector.engine.text.TextProcessing;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The options of the {@code qdrant/bm25} model, as Qdrant's {@code Bm25Config} takes them in a
 * document's {@code options} object, with its defaults: {@code k} 1.2, {@code b} 0.75,
 * {@code avg_len} 256, the word tokenizer, English, lowercase on, ASCII folding off, the
 * language's stopwords and Snowball stemmer, no token length limits.
 *
 * <p>{@code k}, {@code b} and {@code avg_len} are doubles because Qdrant computes document
 * weights in 64-bit floats and only rounds the result to 32 bits; with float parameters the last
 * bit of a weight would differ.
 *
 * @param language          the language named by the options ("english" by default; "none" for
 *                          no language), which decides the default stopwords and stemmer
 * @param stemmerLanguage   Snowball language to stem with, or null for no stemming
 * @param stopwordLanguages languages whose stopword lists are removed
 * @param customStopwords   further stopwords
 * @param minTokenLen       tokens with fewer characters are dropped (null: no limit)
 * @param maxTokenLen       tokens with more characters are dropped (null: no limit)
 */
public record Bm25Options(String language, double k, double b, double avgLen, boolean lowercase,
                          boolean asciiFolding, Tokenizer tokenizer, String stemmerLanguage,
                          Set<String> stopwordLanguages, Set<String> customStopwords,
                          Integer minTokenLen, Integer maxTokenLen) implements TextProcessing {

    public static final double DEFAULT_K = 1.2;
    public static final double DEFAULT_B = 0.75;
    public static final double DEFAULT_AVG_LEN = 256.0;
    public static final String DEFAULT_LANGUAGE = "english";
    private static final String NO_LANGUAGE = "none";

    public Bm25Options {
        stopwordLanguages = Set.copyOf(stopwordLanguages);
        customStopwords = Set.copyOf(customStopwords);
    }

    @Override
    public boolean lowercases() {
        return lowercase;
    }

    @Override
    public boolean foldsAscii() {
        return asciiFolding;
    }

    /** The defaults: what {@code qdrant/bm25} does without options. */
    public static Bm25Options defaults() {
        return parse(null);
    }

    /**
     * Reads a document's {@code options} object (null or JSON null: all defaults). Keys that are
     * not BM25 options are ignored, as Qdrant ignores them.
     *
     * @throws IllegalArgumentException naming the option and the rule it breaks
     */
    public static Bm25Options parse(JsonNode options) {
        if (options != null && !options.isNull() && !options.isObject()) {
            throw new IllegalArgumentException("options must be an object");
        }
        Fields f = new Fields(options);
        double k = f.number("k", DEFAULT_K);
        if (k < 0) {
            throw new IllegalArgumentException("option 'k' must be >= 0, got " + k);
        }
        double b = f.number("b", DEFAULT_B);
        if (b < 0 || b > 1) {
            throw new IllegalArgumentException("option 'b' must be between 0 and 1, got " + b);
        }
        double avgLen = f.number("avg_len", DEFAULT_AVG_LEN);
        if (avgLen <= 0) {
            throw new IllegalArgumentException("option 'avg_len' must be > 0, got " + avgLen);
        }
        String language = f.text("language", DEFAULT_LANGUAGE);
        Optional<String> languageStopwords = TextLanguages.stopwordLanguage(language);
        Optional<String> languageStemmer = TextLanguages.stemmerLanguage(language);
        // Qdrant treats an unknown language like "none" (and warns that this is deprecated);
        // refusing it here turns a typo into a clear error instead of silently unstemmed text.
        if (!language.equals(NO_LANGUAGE) && languageStopwords.isEmpty() && languageStemmer.isEmpty()) {
            throw new IllegalArgumentException("option 'language' '" + language
                    + "' is not supported: use a language name such as 'english' or its code such as 'en', or 'none'");
        }
        Set<String> stopwordLanguages = new LinkedHashSet<>();
        Set<String> customStopwords = new LinkedHashSet<>();
        JsonNode stopwords = f.node("stopwords");
        if (stopwords == null) {
            languageStopwords.ifPresent(stopwordLanguages::add);
        } else {
            parseStopwords(stopwords, stopwordLanguages, customStopwords);
        }
        JsonNode stemmer = f.node("stemmer");
        String stemmerLanguage = stemmer == null ? languageStemmer.orElse(null) : parseStemmer(stemmer);
        Integer minTokenLen = f.length("min_token_len");
        Integer maxTokenLen = f.length("max_token_len");
        return new Bm25Options(language, k, b, avgLen, f.bool("lowercase", true), f.bool("ascii_folding", false),
                parseTokenizer(f.text("tokenizer", "word")), stemmerLanguage, stopwordLanguages, customStopwords,
                minTokenLen, maxTokenLen);
    }

    private static Tokenizer parseTokenizer(String name) {
        Tokenizer tokenizer = Tokenizer.fromQdrantName(name);
        if (tokenizer == null) {
            throw new IllegalArgumentException(
                    "option 'tokenizer' must be one of word, whitespace, prefix, multilingual, got '" + name + "'");
        }
        return tokenizer;
    }

    /** {@code "english"}, or {@code {"languages": [...], "custom": [...]}}. */
    private static void parseStopwords(JsonNode stopwords, Set<String> languages, Set<String> custom) {
        if (stopwords.isTextual()) {
            languages.add(stopwordLanguage(stopwords.asText(), "stopwords"));
            return;
        }
        if (!stopwords.isObject()) {
            throw new IllegalArgumentException("option 'stopwords' must be a language or an object with 'languages' and 'custom'");
        }
        for (JsonNode language : stringArray(stopwords.get("languages"), "stopwords.languages")) {
            languages.add(stopwordLanguage(language.asText(), "stopwords.languages"));
        }
        for (JsonNode word : stringArray(stopwords.get("custom"), "stopwords.custom")) {
            custom.add(word.asText());
        }
    }

    private static String stopwordLanguage(String name, String option) {
        return TextLanguages.stopwordLanguage(name).orElseThrow(() -> new IllegalArgumentException(
                "option '" + option + "': no stopword list for language '" + name + "'"));
    }

    private static Iterable<JsonNode> stringArray(JsonNode node, String option) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("option '" + option + "' must be an array of strings");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("option '" + option + "' must be an array of strings");
            }
        }
        return node;
    }

    /** {@code {"type": "snowball", "language": "english"}} or {@code {"type": "none"}}; null for none. */
    private static String parseStemmer(JsonNode stemmer) {
        JsonNode type = stemmer.isObject() ? stemmer.get("type") : null;
        if (type != null && type.isTextual() && type.asText().equals("none")) {
            return null;
        }
        if (type == null || !type.isTextual() || !type.asText().equals("snowball")) {
            throw new IllegalArgumentException(
                    "option 'stemmer' must be {\"type\": \"snowball\", \"language\": ...} or {\"type\": \"none\"}");
        }
        JsonNode language = stemmer.get("language");
        if (language == null || !language.isTextual()) {
            throw new IllegalArgumentException("option 'stemmer.language' is required");
        }
        return TextLanguages.stemmerLanguage(language.asText()).orElseThrow(() -> new IllegalArgumentException(
                "option 'stemmer.language': no Snowball stemmer for '" + language.asText() + "'"));
    }

    /** Typed access to the options object; absent keys and JSON nulls mean the default. */
    private record Fields(JsonNode options) {

        JsonNode node(String name) {
            JsonNode node = options == null ? null : options.get(name);
            return node == null || node.isNull() ? null : node;
        }

        double number(String name, double fallback) {
            JsonNode node = node(name);
            if (node == null) {
                return fallback;
            }
            if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
                throw new IllegalArgumentException("option '" + name + "' must be a finite number");
            }
            return node.asDouble();
        }

        boolean bool(String name, boolean fallback) {
            JsonNode node = node(name);
            if (node == null) {
                return fallback;
            }
            if (!node.isBoolean()) {
                throw new IllegalArgumentException("option '" + name + "' must be true or false");
            }
            return node.asBoolean();
        }

        String text(String name, String fallback) {
            JsonNode node = node(name);
            if (node == null) {
                return fallback;
            }
            if (!node.isTextual()) {
                throw new IllegalArgumentException("option '" + name + "' must be a string");
            }
            return node.asText();
        }

        Integer length(String name) {
            JsonNode node = node(name);
            if (node == null) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0) {
                throw new IllegalArgumentException("option '" + name + "' must be an integer >= 0");
            }
            return node.asInt();
        }
    }
}
