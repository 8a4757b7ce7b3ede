package io.vjvector.engine.filter;

/** Qdrant's full-text tokenizers, with their names. */
public enum Tokenizer {
    /** Splits at every character that is not a letter or digit. */
    WORD("word"),
    /** Splits at whitespace only. */
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
