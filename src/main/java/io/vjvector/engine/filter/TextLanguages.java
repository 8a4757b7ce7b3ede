package io.vjvector.engine.filter;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * The languages a full-text index knows, by Qdrant's names: Lucene's Snowball stemmers (all of
 * Qdrant's stemmer languages) and Lucene's default stopword lists (the Qdrant languages Lucene
 * has a list for; the lists' contents are Lucene's, not Qdrant's). Stemmers are built by direct
 * constructor references, not by class name, so nothing here depends on reflection.
 */
final class TextLanguages {

    private static final Map<String, Supplier<SnowballStemmer>> STEMMERS = new TreeMap<>(Map.ofEntries(
            Map.entry("arabic", ArabicStemmer::new),
            Map.entry("danish", DanishStemmer::new),
            Map.entry("dutch", DutchStemmer::new),
            Map.entry("english", EnglishStemmer::new),
            Map.entry("finnish", FinnishStemmer::new),
            Map.entry("french", FrenchStemmer::new),
            Map.entry("german", GermanStemmer::new),
            Map.entry("greek", GreekStemmer::new),
            Map.entry("hungarian", HungarianStemmer::new),
            Map.entry("italian", ItalianStemmer::new),
            Map.entry("norwegian", NorwegianStemmer::new),
            Map.entry("portuguese", PortugueseStemmer::new),
            Map.entry("romanian", RomanianStemmer::new),
            Map.entry("russian", RussianStemmer::new),
            Map.entry("spanish", SpanishStemmer::new),
            Map.entry("swedish", SwedishStemmer::new),
            Map.entry("tamil", TamilStemmer::new),
            Map.entry("turkish", TurkishStemmer::new)));

    private static final Map<String, Supplier<CharArraySet>> STOPWORDS = new TreeMap<>(Map.ofEntries(
            Map.entry("arabic", ArabicAnalyzer::getDefaultStopSet),
            Map.entry("basque", BasqueAnalyzer::getDefaultStopSet),
            Map.entry("bengali", BengaliAnalyzer::getDefaultStopSet),
            Map.entry("catalan", CatalanAnalyzer::getDefaultStopSet),
            Map.entry("danish", DanishAnalyzer::getDefaultStopSet),
            Map.entry("dutch", DutchAnalyzer::getDefaultStopSet),
            Map.entry("english", () -> EnglishAnalyzer.ENGLISH_STOP_WORDS_SET),
            Map.entry("finnish", FinnishAnalyzer::getDefaultStopSet),
            Map.entry("french", FrenchAnalyzer::getDefaultStopSet),
            Map.entry("german", GermanAnalyzer::getDefaultStopSet),
            Map.entry("greek", GreekAnalyzer::getDefaultStopSet),
            Map.entry("hungarian", HungarianAnalyzer::getDefaultStopSet),
            Map.entry("indonesian", IndonesianAnalyzer::getDefaultStopSet),
            Map.entry("italian", ItalianAnalyzer::getDefaultStopSet),
            Map.entry("nepali", NepaliAnalyzer::getDefaultStopSet),
            Map.entry("norwegian", NorwegianAnalyzer::getDefaultStopSet),
            Map.entry("portuguese", PortugueseAnalyzer::getDefaultStopSet),
            Map.entry("romanian", RomanianAnalyzer::getDefaultStopSet),
            Map.entry("russian", RussianAnalyzer::getDefaultStopSet),
            Map.entry("spanish", SpanishAnalyzer::getDefaultStopSet),
            Map.entry("swedish", SwedishAnalyzer::getDefaultStopSet),
            Map.entry("turkish", TurkishAnalyzer::getDefaultStopSet)));

    private TextLanguages() {
    }

    static Set<String> stemmerLanguages() {
        return STEMMERS.keySet();
    }

    static Set<String> stopwordLanguages() {
        return STOPWORDS.keySet();
    }

    /** A new (stateful, single-thread) stemmer for a language of {@link #stemmerLanguages()}. */
    static SnowballStemmer stemmer(String language) {
        return STEMMERS.get(language).get();
    }

    /** The stopword list of a language of {@link #stopwordLanguages()} (read-only). */
    static CharArraySet stopwords(String language) {
        return STOPWORDS.get(language).get();
    }
}
