package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.text.TextProcessing;
import java.util.List;
import java.util.Objects;

/**
 * How a full-text index turns a string into tokens (Qdrant's {@code TextIndexParams} without the
 * storage flags, which {@link PayloadFieldSchema} holds). Null members were not given and take
 * Qdrant's defaults: lowercase on, ASCII folding off, no length bounds, no stopwords, no stemmer,
 * no phrase positions. They stay null so that the schema reports back what was asked.
 *
 * @param stemmer a Snowball language name such as {@code english}, or null
 */
public record TextIndexParams(TextProcessing.Tokenizer tokenizer, Integer minTokenLen, Integer maxTokenLen, Boolean lowercase,
                              Boolean asciiFolding, Boolean phraseMatching, Stopwords stopwords, String stemmer)
        implements TextProcessing {

    /** The defaults: word tokenizer, everything else unset. */
    public static final TextIndexParams DEFAULT = new TextIndexParams(Tokenizer.WORD, null, null, null, null, null, null, null);

    public TextIndexParams {
        Objects.requireNonNull(tokenizer, "tokenizer");
    }

    /**
     * Stopwords: Qdrant's single language name ({@code "english"}), or its set of languages and
     * custom words. A plain list of words is read as the custom words (and reported as a list).
     */
    public record Stopwords(Form form, List<String> languages, List<String> custom) {

        /** How the stopwords were written, so that they are reported back the same way. */
        public enum Form { LANGUAGE, LIST, SET }

        public Stopwords {
            Objects.requireNonNull(form, "form");
            languages = List.copyOf(languages);
            custom = List.copyOf(custom);
        }
    }

    @Override
    public boolean lowercases() {
        return lowercase == null || lowercase;
    }

    @Override
    public boolean foldsAscii() {
        return asciiFolding != null && asciiFolding;
    }

    /** Writes the members that were given into {@code out} (Qdrant's field names). */
    void writeTo(ObjectNode out) {
        out.put("tokenizer", tokenizer.qdrantName());
        if (minTokenLen != null) {
            out.put("min_token_len", minTokenLen);
        }
        if (maxTokenLen != null) {
            out.put("max_token_len", maxTokenLen);
        }
        if (lowercase != null) {
            out.put("lowercase", lowercase);
        }
        if (asciiFolding != null) {
            out.put("ascii_folding", asciiFolding);
        }
        if (phraseMatching != null) {
            out.put("phrase_matching", phraseMatching);
        }
        if (stopwords != null) {
            switch (stopwords.form()) {
                case LANGUAGE -> out.put("stopwords", stopwords.languages().get(0));
                case LIST -> stopwords.custom().forEach(out.putArray("stopwords")::add);
                case SET -> {
                    ObjectNode set = out.putObject("stopwords");
                    stopwords.languages().forEach(set.putArray("languages")::add);
                    stopwords.custom().forEach(set.putArray("custom")::add);
                }
            }
        }
        if (stemmer != null) {
            out.putObject("stemmer").put("type", "snowball").put("language", stemmer);
        }
    }
}
