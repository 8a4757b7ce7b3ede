package io.vjvector.engine.text;

import java.util.Locale;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * The settings that Qdrant's two text pipelines share, the full-text payload index's
 * {@code TextIndexParams} and the {@code qdrant/bm25} model's options: how text is split
 * ({@link Tokenizer}) and how each token is normalized before stopwords and stemming, in Qdrant's
 * order: ASCII folding, then lowercasing.
 *
 * <p>Both pipelines fold with Lucene's ASCII folding table (Qdrant's mapping is derived from the
 * same table). They lowercase differently on purpose: the full-text index runs inside a Lucene
 * analysis chain ({@link #normalize(TokenStream, TextProcessing)}: one code point at a time), the
 * bm25 model lowercases the whole token ({@link #normalize(String)}, as Rust's
 * {@code str::to_lowercase}, so a final sigma becomes ς) because its token ids must be Qdrant's.
 */
public interface TextProcessing {

    /** How text is split into tokens (Qdrant's {@code TokenizerType}), with Qdrant's names. */
    enum Tokenizer {
        /** Runs of letters and digits (the default). */
        WORD("word"),
        /** Runs of non-whitespace characters. */
        WHITESPACE("whitespace"),
        /** Word tokens, indexed as all their prefixes; a query token then matches any word it begins. */
        PREFIX("prefix"),
        /** Unicode word boundaries (UAX #29): each CJK ideograph is its own token. */
        MULTILINGUAL("multilingual");

        private final String qdrantName;

        Tokenizer(String qdrantName) {
            this.qdrantName = qdrantName;
        }

        public String qdrantName() {
            return qdrantName;
        }

        /** Parses Qdrant's name; null if unknown. */
        public static Tokenizer fromQdrantName(String name) {
            for (Tokenizer t : values()) {
                if (t.qdrantName.equals(name)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** How text is split into tokens. */
    Tokenizer tokenizer();

    /** Whether tokens are lowercased. */
    boolean lowercases();

    /** Whether tokens are folded to ASCII (before lowercasing). */
    boolean foldsAscii();

    /** One token folded and lowercased as these settings ask (whole-token lowercasing, see above). */
    default String normalize(String token) {
        String t = foldsAscii() ? foldToAscii(token) : token;
        return lowercases() ? t.toLowerCase(Locale.ROOT) : t;
    }

    /** A Lucene token stream folded and lowercased as the settings ask (per code point, see above). */
    static TokenStream normalize(TokenStream stream, TextProcessing settings) {
        TokenStream out = stream;
        if (settings.foldsAscii()) {
            out = new ASCIIFoldingFilter(out);
        }
        if (settings.lowercases()) {
            out = new LowerCaseFilter(out);
        }
        return out;
    }

    /** Lucene's ASCII folding of one token (a character may fold to up to four). */
    static String foldToAscii(String token) {
        char[] in = token.toCharArray();
        char[] out = new char[in.length * 4];
        int length = ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, in.length);
        return new String(out, 0, length);
    }
}
