package io.vjvector.inference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
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

/**
 * Stopword lists per language, loaded once and shared.
 *
 * <p>English, the default, is Qdrant's own list (NLTK's, shipped as a resource) so that the default
 * model gives Qdrant's tokens exactly. Other languages use Lucene's default stop set for the
 * language; Qdrant's lists come from NLTK, which took most of its European lists from Snowball as
 * Lucene did, so they agree on common words but may differ at the edges. Languages Qdrant has a
 * list for and Lucene has none (azerbaijani, chinese, hebrew, hinglish, japanese, kazakh, slovene,
 * tajik) get an empty list.
 */
final class StopwordLists {

    private static final Map<String, Supplier<CharArraySet>> LUCENE = Map.ofEntries(
            Map.entry("arabic", ArabicAnalyzer::getDefaultStopSet),
            Map.entry("basque", BasqueAnalyzer::getDefaultStopSet),
            Map.entry("bengali", BengaliAnalyzer::getDefaultStopSet),
            Map.entry("catalan", CatalanAnalyzer::getDefaultStopSet),
            Map.entry("danish", DanishAnalyzer::getDefaultStopSet),
            Map.entry("dutch", DutchAnalyzer::getDefaultStopSet),
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
            Map.entry("turkish", TurkishAnalyzer::getDefaultStopSet));

    private static final Map<String, Set<String>> LOADED = new ConcurrentHashMap<>();

    private StopwordLists() {
    }

    /** The stopwords of a canonical language name (see {@link TextLanguages}); empty if none. */
    static Set<String> of(String language) {
        return LOADED.computeIfAbsent(language, StopwordLists::load);
    }

    private static Set<String> load(String language) {
        if (language.equals("english")) {
            return readResource("english-stopwords.txt");
        }
        Supplier<CharArraySet> lucene = LUCENE.get(language);
        if (lucene == null) {
            return Set.of();
        }
        Set<String> words = new HashSet<>();
        for (Object word : lucene.get()) {
            // CharArraySet iterates its entries as char arrays
            words.add(word instanceof char[] chars ? new String(chars) : word.toString());
        }
        return Set.copyOf(words);
    }

    private static Set<String> readResource(String name) {
        try (InputStream in = StopwordLists.class.getResourceAsStream(name)) {
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
}
