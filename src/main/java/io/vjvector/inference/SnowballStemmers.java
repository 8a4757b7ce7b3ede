package io.vjvector.inference;

import java.util.Map;
import java.util.function.Supplier;
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
 * Lucene's Snowball stemmers for the languages Qdrant stems (the same Snowball algorithms Qdrant
 * runs through the rust-stemmers crate; English is Porter2). A stemmer holds its current word, so
 * each tokenization takes a fresh one.
 */
final class SnowballStemmers {

    private static final Map<String, Supplier<SnowballStemmer>> STEMMERS = Map.ofEntries(
            Map.entry("arabic", ArabicStemmer::new), Map.entry("armenian", ArmenianStemmer::new),
            Map.entry("danish", DanishStemmer::new), Map.entry("dutch", DutchStemmer::new),
            Map.entry("english", EnglishStemmer::new), Map.entry("finnish", FinnishStemmer::new),
            Map.entry("french", FrenchStemmer::new), Map.entry("german", GermanStemmer::new),
            Map.entry("greek", GreekStemmer::new), Map.entry("hungarian", HungarianStemmer::new),
            Map.entry("italian", ItalianStemmer::new), Map.entry("norwegian", NorwegianStemmer::new),
            Map.entry("portuguese", PortugueseStemmer::new), Map.entry("romanian", RomanianStemmer::new),
            Map.entry("russian", RussianStemmer::new), Map.entry("spanish", SpanishStemmer::new),
            Map.entry("swedish", SwedishStemmer::new), Map.entry("tamil", TamilStemmer::new),
            Map.entry("turkish", TurkishStemmer::new));

    private SnowballStemmers() {
    }

    /** A new stemmer for a canonical Snowball language (see {@link TextLanguages}). */
    static SnowballStemmer create(String language) {
        Supplier<SnowballStemmer> stemmer = STEMMERS.get(language);
        if (stemmer == null) {
            throw new IllegalArgumentException("no Snowball stemmer for '" + language + "'");
        }
        return stemmer.get();
    }
}
