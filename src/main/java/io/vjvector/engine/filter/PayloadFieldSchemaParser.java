package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.text.TextLanguages;
import io.vjvector.engine.text.TextProcessing.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a {@code field_schema} into a {@link PayloadFieldSchema}, checking every member against
 * what Qdrant accepts for the type. Errors name the member ({@code field_schema.tokenizer}).
 */
final class PayloadFieldSchemaParser {

    static final String TYPES = Arrays.stream(PayloadSchemaType.values()).map(PayloadSchemaType::qdrantName)
            .collect(Collectors.joining(", "));
    private static final String TOKENIZERS = Arrays.stream(Tokenizer.values()).map(Tokenizer::qdrantName)
            .collect(Collectors.joining(", "));
    /** Custom stopwords are bounded so that an encoded schema stays a small record. */
    static final int MAX_CUSTOM_STOPWORDS = 512;
    static final int MAX_STOPWORD_CHARS = 64;
    static final int MAX_TOKEN_LEN = 1 << 16;

    /** Stopword lists of the index: Lucene's (see {@link TextLanguages}), by name only. */
    private static final Set<String> STOPWORD_LANGUAGES = TextLanguages.luceneStopwordLanguages();
    /**
     * Stemmers of the index, by name only. Armenian, which Qdrant also stems, is left out: the
     * index has never offered it (the README lists its languages), and this keeps what it accepts.
     */
    private static final Set<String> STEMMER_LANGUAGES = TextLanguages.stemmerLanguages().stream()
            .filter(language -> !language.equals("armenian"))
            .collect(Collectors.toCollection(TreeSet::new));

    private static final Set<String> FLAGS = Set.of("on_disk", "enable_hnsw");
    private static final Set<String> TEXT_MEMBERS = Set.of("tokenizer", "min_token_len", "max_token_len",
            "lowercase", "ascii_folding", "phrase_matching", "stopwords", "stemmer");

    private PayloadFieldSchemaParser() {
    }

    static PayloadFieldSchema parse(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new FilterException(path, "is required: a type name (" + TYPES + ") or {\"type\": name, ...}");
        }
        if (node.isTextual()) {
            return PayloadFieldSchema.of(type(node.textValue(), path));
        }
        if (!node.isObject() || !node.path("type").isTextual()) {
            throw new FilterException(path, "must be a type name or {\"type\": name, ...}; types: " + TYPES);
        }
        PayloadSchemaType type = type(node.get("type").textValue(), path + ".type");
        Set<String> allowed = allowed(type);
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String name = member.getKey();
            if (!name.equals("type") && !allowed.contains(name)) {
                throw new FilterException(path + "." + name, TEXT_MEMBERS.contains(name)
                        ? "applies only to a text index"
                        : "unknown field for a " + type.qdrantName() + " index; it accepts type, "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        PayloadFieldSchema.Options options = new PayloadFieldSchema.Options(
                bool(node, "is_tenant", path), bool(node, "is_principal", path), bool(node, "on_disk", path),
                bool(node, "enable_hnsw", path), bool(node, "lookup", path), bool(node, "range", path));
        if (Boolean.FALSE.equals(options.lookup()) && Boolean.FALSE.equals(options.range())) {
            throw new FilterException(path, "an integer index needs lookup or range (both are false)");
        }
        return new PayloadFieldSchema(type, options, type == PayloadSchemaType.TEXT ? text(node, path) : null);
    }

    /** The members Qdrant's params object of each type has, besides {@code type}. */
    private static Set<String> allowed(PayloadSchemaType type) {
        Set<String> extra = switch (type) {
            case KEYWORD, UUID -> Set.of("is_tenant");
            case INTEGER -> Set.of("lookup", "range", "is_principal");
            case FLOAT, DATETIME -> Set.of("is_principal");
            case BOOL, GEO -> Set.of();
            case TEXT -> TEXT_MEMBERS;
        };
        Set<String> all = new HashSet<>(FLAGS);
        all.addAll(extra);
        return all;
    }

    private static PayloadSchemaType type(String name, String path) {
        PayloadSchemaType t = PayloadSchemaType.fromQdrantName(name);
        if (t == null) {
            throw new FilterException(path, "must be one of " + TYPES + ", got \"" + name + "\"");
        }
        return t;
    }

    private static TextIndexParams text(JsonNode node, String path) {
        Tokenizer tokenizer = Tokenizer.WORD;
        JsonNode t = node.get("tokenizer");
        if (present(t)) {
            tokenizer = t.isTextual() ? Tokenizer.fromQdrantName(t.textValue()) : null;
            if (tokenizer == null) {
                throw new FilterException(path + ".tokenizer", "must be one of " + TOKENIZERS + ", got " + t);
            }
        }
        Integer min = length(node, "min_token_len", path);
        Integer max = length(node, "max_token_len", path);
        if (min != null && max != null && min > max) {
            throw new FilterException(path + ".min_token_len", "must not exceed max_token_len (" + min + " > " + max + ")");
        }
        if (max != null && max == 0) {
            throw new FilterException(path + ".max_token_len", "must be at least 1");
        }
        return new TextIndexParams(tokenizer, min, max, bool(node, "lowercase", path), bool(node, "ascii_folding", path),
                bool(node, "phrase_matching", path), stopwords(node.get("stopwords"), path + ".stopwords"),
                stemmer(node.get("stemmer"), path + ".stemmer"));
    }

    private static Integer length(JsonNode node, String name, String path) {
        JsonNode v = node.get(name);
        if (!present(v)) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0 || v.intValue() > MAX_TOKEN_LEN) {
            throw new FilterException(path + "." + name, "must be an integer from 0 to " + MAX_TOKEN_LEN);
        }
        return v.intValue();
    }

    private static TextIndexParams.Stopwords stopwords(JsonNode v, String path) {
        if (!present(v)) {
            return null;
        }
        if (v.isTextual()) {
            return new TextIndexParams.Stopwords(TextIndexParams.Stopwords.Form.LANGUAGE,
                    List.of(stopwordLanguage(v, path)), List.of());
        }
        if (v.isArray()) {
            return new TextIndexParams.Stopwords(TextIndexParams.Stopwords.Form.LIST, List.of(), words(v, path));
        }
        if (!v.isObject()) {
            throw new FilterException(path, "must be a language name, a list of words or {\"languages\": [...], \"custom\": [...]}");
        }
        List<String> languages = new ArrayList<>();
        List<String> custom = List.of();
        for (Map.Entry<String, JsonNode> member : v.properties()) {
            String at = path + "." + member.getKey();
            JsonNode value = member.getValue();
            switch (member.getKey()) {
                case "languages" -> {
                    if (!value.isArray()) {
                        throw new FilterException(at, "must be a list of language names");
                    }
                    for (int i = 0; i < value.size(); i++) {
                        languages.add(stopwordLanguage(value.get(i), at + "[" + i + "]"));
                    }
                }
                case "custom" -> custom = words(value, at);
                default -> throw new FilterException(at, "unknown field; expected languages or custom");
            }
        }
        return new TextIndexParams.Stopwords(TextIndexParams.Stopwords.Form.SET, languages, custom);
    }

    private static String stopwordLanguage(JsonNode v, String path) {
        if (!v.isTextual() || !STOPWORD_LANGUAGES.contains(v.textValue())) {
            throw new FilterException(path, "must be a language with a stopword list: "
                    + String.join(", ", STOPWORD_LANGUAGES) + "; got " + v);
        }
        return v.textValue();
    }

    private static List<String> words(JsonNode v, String path) {
        if (!v.isArray() || v.size() > MAX_CUSTOM_STOPWORDS) {
            throw new FilterException(path, "must be a list of at most " + MAX_CUSTOM_STOPWORDS + " words");
        }
        List<String> words = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode w = v.get(i);
            if (!w.isTextual() || w.textValue().isEmpty() || w.textValue().length() > MAX_STOPWORD_CHARS) {
                throw new FilterException(path + "[" + i + "]", "must be a word of 1 to " + MAX_STOPWORD_CHARS + " characters");
            }
            words.add(w.textValue());
        }
        return words;
    }

    private static String stemmer(JsonNode v, String path) {
        if (!present(v)) {
            return null;
        }
        if (!v.isObject() || !"snowball".equals(v.path("type").textValue())) {
            throw new FilterException(path, "must be {\"type\": \"snowball\", \"language\": ...}");
        }
        for (Map.Entry<String, JsonNode> member : v.properties()) {
            if (!member.getKey().equals("type") && !member.getKey().equals("language")) {
                throw new FilterException(path + "." + member.getKey(), "unknown field; expected type and language");
            }
        }
        JsonNode language = v.get("language");
        if (language == null || !language.isTextual() || !STEMMER_LANGUAGES.contains(language.textValue())) {
            throw new FilterException(path + ".language", "must be one of "
                    + String.join(", ", STEMMER_LANGUAGES) + "; got " + language);
        }
        return language.textValue();
    }

    private static Boolean bool(JsonNode node, String name, String path) {
        JsonNode v = node.get(name);
        if (!present(v)) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new FilterException(path + "." + name, "must be true or false");
        }
        return v.booleanValue();
    }

    private static boolean present(JsonNode v) {
        return v != null && !v.isNull() && !v.isMissingNode();
    }
}
