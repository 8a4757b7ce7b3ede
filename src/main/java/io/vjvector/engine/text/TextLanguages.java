package io.vjvector.engine.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.ne.NepaliAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.ArabicStemmer;
import org.tartarus.snowball.ext.ArmenianStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.GreekStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TamilStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * The languages of Qdrant's text processing, one row each: its name, the ISO code Qdrant takes as
 * an alias, its Snowball stemmer and its stopword list. Both the full-text payload index and the
 * {@code qdrant/bm25} model read their languages here.
 *
 * <p>Stemmers are Lucene's Snowball ones, the same algorithms Qdrant runs (English is Porter2),
 * built by constructor reference so that nothing depends on reflection. A stemmer holds its current
 * word, so each caller takes a fresh one.
 *
 * <p>Stopwords come in two flavours, and the difference is deliberate:
 * <ul>
 *   <li>{@link #luceneStopwords} is Lucene's default list of a language, for the languages Lucene
 *       has one for. The full-text index uses these lists (its English list is Lucene's short one,
 *       not Qdrant's).</li>
 *   <li>{@link #qdrantStopwords} is what the {@code qdrant/bm25} model removes: for English
 *       Qdrant's own list (NLTK's, shipped as the resource {@code english-stopwords.txt}), so that
 *       the model's default gives Qdrant's token ids and weights exactly; for other languages
 *       Lucene's list (Qdrant's come from NLTK, which took most European lists from Snowball as
 *       Lucene did, so they agree on common words but may differ at the edges); and an empty list
 *       for the languages Qdrant has a list for and Lucene has none (azerbaijani, chinese, hebrew,
 *       hinglish, japanese, kazakh, slovene, tajik).</li>
 * </ul>
 * Names are lowercase and matched exactly, as serde matches Qdrant's {@code Language} and
 * {@code SnowballLanguage} enums.
 */
public final class TextLanguages {

    /**
     * One language.
     *
     * @param stemmer         null when Qdrant has no Snowball stemmer for it
     * @param luceneStopwords null when Lucene has no default stopword list for it
     * @param qdrantList      whether Qdrant has a stopword list for it
     */
    private record Language(String name, String code, Supplier<SnowballStemmer> stemmer,
                            Supplier<CharArraySet> luceneStopwords, boolean qdrantList) {
    }

    private static final boolean LIST = true;
    private static final boolean NO_LIST = false;

    private static final Map<String, Language> BY_NAME = byName(
            new Language("arabic", "ar", ArabicStemmer::new, ArabicAnalyzer::getDefaultStopSet, LIST),
            new Language("armenian", "hy", ArmenianStemmer::new, null, NO_LIST),
            new Language("azerbaijani", "az", null, null, LIST),
            new Language("basque", "eu", null, BasqueAnalyzer::getDefaultStopSet, LIST),
            new Language("bengali", "bn", null, BengaliAnalyzer::getDefaultStopSet, LIST),
            new Language("catalan", "ca", null, CatalanAnalyzer::getDefaultStopSet, LIST),
            new Language("chinese", "zh", null, null, LIST),
            new Language("danish", "da", DanishStemmer::new, DanishAnalyzer::getDefaultStopSet, LIST),
            new Language("dutch", "nl", DutchStemmer::new, DutchAnalyzer::getDefaultStopSet, LIST),
            new Language("english", "en", EnglishStemmer::new, () -> EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, LIST),
            new Language("finnish", "fi", FinnishStemmer::new, FinnishAnalyzer::getDefaultStopSet, LIST),
            new Language("french", "fr", FrenchStemmer::new, FrenchAnalyzer::getDefaultStopSet, LIST),
            new Language("german", "de", GermanStemmer::new, GermanAnalyzer::getDefaultStopSet, LIST),
            new Language("greek", "el", GreekStemmer::new, GreekAnalyzer::getDefaultStopSet, LIST),
            new Language("hebrew", "he", null, null, LIST),
            new Language("hinglish", "hi-en", null, null, LIST),
            new Language("hungarian", "hu", HungarianStemmer::new, HungarianAnalyzer::getDefaultStopSet, LIST),
            new Language("indonesian", "id", null, IndonesianAnalyzer::getDefaultStopSet, LIST),
            new Language("italian", "it", ItalianStemmer::new, ItalianAnalyzer::getDefaultStopSet, LIST),
            new Language("japanese", "jp", null, null, LIST),
            new Language("kazakh", "kk", null, null, LIST),
            new Language("nepali", "ne", null, NepaliAnalyzer::getDefaultStopSet, LIST),
            new Language("norwegian", "no", NorwegianStemmer::new, NorwegianAnalyzer::getDefaultStopSet, LIST),
            new Language("portuguese", "pt", PortugueseStemmer::new, PortugueseAnalyzer::getDefaultStopSet, LIST),
            new Language("romanian", "ro", RomanianStemmer::new, RomanianAnalyzer::getDefaultStopSet, LIST),
            new Language("russian", "ru", RussianStemmer::new, RussianAnalyzer::getDefaultStopSet, LIST),
            new Language("slovene", "sl", null, null, LIST),
            new Language("spanish", "es", SpanishStemmer::new, SpanishAnalyzer::getDefaultStopSet, LIST),
            new Language("swedish", "sv", SwedishStemmer::new, SwedishAnalyzer::getDefaultStopSet, LIST),
            new Language("tajik", "tg", null, null, LIST),
            new Language("tamil", "ta", TamilStemmer::new, null, NO_LIST),
            new Language("turkish", "tr", TurkishStemmer::new, TurkishAnalyzer::getDefaultStopSet, LIST));

    private static final Map<String, String> NAME_BY_CODE = codes();
    private static final Set<String> STEMMER_LANGUAGES = namesWhere(l -> l.stemmer() != null);
    private static final Set<String> LUCENE_STOPWORD_LANGUAGES = namesWhere(l -> l.luceneStopwords() != null);
    private static final Map<String, Set<String>> QDRANT_STOPWORDS = new ConcurrentHashMap<>();

    private TextLanguages() {
    }

    /** The languages with a Snowball stemmer, by name, in alphabetical order. */
    public static Set<String> stemmerLanguages() {
        return STEMMER_LANGUAGES;
    }

    /** The languages with a Lucene stopword list (see {@link #luceneStopwords}), by name, in alphabetical order. */
    public static Set<String> luceneStopwordLanguages() {
        return LUCENE_STOPWORD_LANGUAGES;
    }

    /** The stemmer language a name or ISO code stands for, if Qdrant has a stemmer for it. */
    public static Optional<String> stemmerLanguage(String nameOrCode) {
        return resolve(nameOrCode).filter(l -> l.stemmer() != null).map(Language::name);
    }

    /** The stopword language a name or ISO code stands for, if Qdrant has a stopword list for it. */
    public static Optional<String> stopwordLanguage(String nameOrCode) {
        return resolve(nameOrCode).filter(Language::qdrantList).map(Language::name);
    }

    /**
     * A new (stateful, single-thread) Snowball stemmer.
     *
     * @param language a name of {@link #stemmerLanguages()}
     * @throws IllegalArgumentException for any other name
     */
    public static SnowballStemmer stemmer(String language) {
        Language l = BY_NAME.get(language);
        if (l == null || l.stemmer() == null) {
            throw new IllegalArgumentException("no Snowball stemmer for '" + language + "'");
        }
        return l.stemmer().get();
    }

    /**
     * Lucene's default stopword list of a language (read-only), as the full-text index removes it.
     *
     * @param language a name of {@link #luceneStopwordLanguages()}
     * @throws IllegalArgumentException for any other name
     */
    public static CharArraySet luceneStopwords(String language) {
        Language l = BY_NAME.get(language);
        if (l == null || l.luceneStopwords() == null) {
            throw new IllegalArgumentException("no Lucene stopword list for '" + language + "'");
        }
        return l.luceneStopwords().get();
    }

    /**
     * The stopwords the {@code qdrant/bm25} model removes for a language (see the class comment):
     * Qdrant's NLTK list for English, Lucene's list otherwise, empty where there is none. Loaded
     * once and shared.
     *
     * @param language a canonical name, as {@link #stopwordLanguage} returns it
     */
    public static Set<String> qdrantStopwords(String language) {
        return QDRANT_STOPWORDS.computeIfAbsent(language, TextLanguages::loadQdrantStopwords);
    }

    private static Set<String> loadQdrantStopwords(String language) {
        if (language.equals("english")) {
            return readResource("english-stopwords.txt");
        }
        Language l = BY_NAME.get(language);
        if (l == null || l.luceneStopwords() == null) {
            return Set.of();
        }
        Set<String> words = new HashSet<>();
        for (Object word : l.luceneStopwords().get()) {
            // CharArraySet iterates its entries as char arrays
            words.add(word instanceof char[] chars ? new String(chars) : word.toString());
        }
        return Set.copyOf(words);
    }

    private static Set<String> readResource(String name) {
        try (InputStream in = TextLanguages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("stopword list " + name + " is missing from the build");
            }
            Set<String> words = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Language> resolve(String nameOrCode) {
        Language byName = BY_NAME.get(nameOrCode);
        if (byName != null) {
            return Optional.of(byName);
        }
        String name = NAME_BY_CODE.get(nameOrCode);
        return name == null ? Optional.empty() : Optional.of(BY_NAME.get(name));
    }

    private static Map<String, Language> byName(Language... languages) {
        Map<String, Language> map = new TreeMap<>();
        for (Language l : languages) {
            map.put(l.name(), l);
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, String> codes() {
        Map<String, String> map = new TreeMap<>();
        for (Language l : BY_NAME.values()) {
            map.put(l.code(), l.name());
        }
        return Collections.unmodifiableMap(map);
    }

    private static Set<String> namesWhere(java.util.function.Predicate<Language> test) {
        Set<String> names = new TreeSet<>();
        for (Language l : BY_NAME.values()) {
            if (test.test(l)) {
                names.add(l.name());
            }
        }
        return Collections.unmodifiableSet(names);
    }
}
