package io.vjvector.inference;

import java.util.Map;
import java.util.Optional;

/**
 * The language names Qdrant's text processing accepts, with the ISO codes it takes as aliases:
 * one table for stopword languages and one for Snowball stemmers (Qdrant's {@code Language} and
 * {@code SnowballLanguage} enums; names are lowercase and matched exactly, as serde does).
 */
final class TextLanguages {

    /** Languages with a stopword list in Qdrant, code → canonical name. */
    private static final Map<String, String> STOPWORD_CODES = Map.ofEntries(
            Map.entry("ar", "arabic"), Map.entry("az", "azerbaijani"), Map.entry("eu", "basque"),
            Map.entry("bn", "bengali"), Map.entry("ca", "catalan"), Map.entry("zh", "chinese"),
            Map.entry("da", "danish"), Map.entry("nl", "dutch"), Map.entry("en", "english"),
            Map.entry("fi", "finnish"), Map.entry("fr", "french"), Map.entry("de", "german"),
            Map.entry("el", "greek"), Map.entry("he", "hebrew"), Map.entry("hi-en", "hinglish"),
            Map.entry("hu", "hungarian"), Map.entry("id", "indonesian"), Map.entry("it", "italian"),
            Map.entry("jp", "japanese"), Map.entry("kk", "kazakh"), Map.entry("ne", "nepali"),
            Map.entry("no", "norwegian"), Map.entry("pt", "portuguese"), Map.entry("ro", "romanian"),
            Map.entry("ru", "russian"), Map.entry("sl", "slovene"), Map.entry("es", "spanish"),
            Map.entry("sv", "swedish"), Map.entry("tg", "tajik"), Map.entry("tr", "turkish"));

    /** Languages with a Snowball stemmer in Qdrant, code → canonical name. */
    private static final Map<String, String> STEMMER_CODES = Map.ofEntries(
            Map.entry("ar", "arabic"), Map.entry("hy", "armenian"), Map.entry("da", "danish"),
            Map.entry("nl", "dutch"), Map.entry("en", "english"), Map.entry("fi", "finnish"),
            Map.entry("fr", "french"), Map.entry("de", "german"), Map.entry("el", "greek"),
            Map.entry("hu", "hungarian"), Map.entry("it", "italian"), Map.entry("no", "norwegian"),
            Map.entry("pt", "portuguese"), Map.entry("ro", "romanian"), Map.entry("ru", "russian"),
            Map.entry("es", "spanish"), Map.entry("sv", "swedish"), Map.entry("ta", "tamil"),
            Map.entry("tr", "turkish"));

    private TextLanguages() {
    }

    /** The canonical stopword language for a name or code, if Qdrant has stopwords for it. */
    static Optional<String> stopwordLanguage(String nameOrCode) {
        return resolve(STOPWORD_CODES, nameOrCode);
    }

    /** The canonical Snowball language for a name or code, if Qdrant has a stemmer for it. */
    static Optional<String> stemmerLanguage(String nameOrCode) {
        return resolve(STEMMER_CODES, nameOrCode);
    }

    private static Optional<String> resolve(Map<String, String> codes, String nameOrCode) {
        if (codes.containsValue(nameOrCode)) {
            return Optional.of(nameOrCode);
        }
        return Optional.ofNullable(codes.get(nameOrCode));
    }
}
