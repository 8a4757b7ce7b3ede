package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code match} part of a field condition. {@link #test} judges one stored value that is not
 * itself the array being looked into (the field condition does the looking): an array met here is
 * an array nested inside an array.
 *
 * <p>Types never convert: a string never equals a number, {@code 1.0} stored as a float never
 * equals the integer {@code 1}, and an integer beyond 64-bit signed range matches no integer.
 */
public sealed interface Match {

    boolean test(JsonNode value);

    /** {@code {"value": "text"}}: the stored string equals it. */
    record Keyword(String value) implements Match {
        public Keyword {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean test(JsonNode v) {
            return v.isTextual() && value.equals(v.textValue());
        }
    }

    /** {@code {"value": 42}}: the stored integer equals it. */
    record Integral(long value) implements Match {
        @Override
        public boolean test(JsonNode v) {
            return isLong(v) && v.longValue() == value;
        }
    }

    /** {@code {"value": true}}: the stored boolean equals it. */
    record Bool(boolean value) implements Match {
        @Override
        public boolean test(JsonNode v) {
            return v.isBoolean() && v.booleanValue() == value;
        }
    }

    /** {@code {"any": [...]}}: the stored string (or integer) is one of the values (Qdrant's IN). */
    record Any(MatchValues values) implements Match {
        public Any {
            Objects.requireNonNull(values, "values");
        }

        @Override
        public boolean test(JsonNode v) {
            if (values.isKeywords()) {
                return v.isTextual() && values.containsKeyword(v.textValue());
            }
            return isLong(v) && values.containsInteger(v.longValue());
        }
    }

    /**
     * {@code {"except": [...]}}: Qdrant's NOT IN. A stored string (integer) matches when it is not
     * listed. A stored value of another type matches too (e.g. any boolean, object, float, or a
     * string against an integer list) — except JSON null, which never matches. An empty list
     * therefore matches every non-null value.
     */
    record Except(MatchValues values) implements Match {
        public Except {
            Objects.requireNonNull(values, "values");
        }

        @Override
        public boolean test(JsonNode v) {
            if (v.isNull()) {
                return false;
            }
            if (values.isKeywords() && v.isTextual()) {
                return !values.containsKeyword(v.textValue());
            }
            if (!values.isKeywords() && isLong(v)) {
                return !values.containsInteger(v.longValue());
            }
            return true;
        }
    }

    /**
     * {@code {"text": "..."}} on a field without a full-text index: the stored string contains the
     * text (Qdrant's exact substring match). With an index the shard evaluates {@link Tokens}.
     */
    record Text(String text) implements Match {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean test(JsonNode v) {
            return v.isTextual() && v.textValue().contains(text);
        }
    }

    /**
     * {@code {"text_any": "..."}} without a full-text index: some whitespace-separated word of the
     * text is a substring of the stored string (Qdrant's fallback).
     */
    record TextAny(String text) implements Match {
        public TextAny {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean test(JsonNode v) {
            if (!v.isTextual()) {
                return false;
            }
            for (String word : text.trim().split("(?U)\\s+")) {
                if (!word.isEmpty() && v.textValue().contains(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code {"phrase": "..."}} without a full-text index: a substring match, as {@link Text}. */
    record Phrase(String text) implements Match {
        public Phrase {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean test(JsonNode v) {
            return v.isTextual() && v.textValue().contains(text);
        }
    }

    /**
     * A {@link Text}, {@link TextAny} or {@link Phrase} match on a field with a full-text index,
     * judged on tokens as Qdrant does: {@code text} needs every query token among the stored
     * string's tokens, {@code text_any} one of them, {@code phrase} the query tokens adjacent and
     * in order. A query without tokens (empty, or only stopwords) matches nothing.
     *
     * @param source the match as written
     * @param query  the query's tokens ({@link TextAnalyzer#queryTokens}), analysed once
     */
    record Tokens(Match source, TextAnalyzer analyzer, List<String> query) implements Match {
        public Tokens {
            if (!(source instanceof Text || source instanceof TextAny || source instanceof Phrase)) {
                throw new IllegalArgumentException("not a full-text match: " + source);
            }
            Objects.requireNonNull(analyzer, "analyzer");
            query = List.copyOf(query);
        }

        /** Binds a full-text match to an index's analyzer. */
        static Tokens of(Match source, TextAnalyzer analyzer) {
            return new Tokens(source, analyzer, analyzer.queryTokens(text(source)));
        }

        static String text(Match source) {
            if (source instanceof Text t) {
                return t.text();
            }
            return source instanceof TextAny a ? a.text() : ((Phrase) source).text();
        }

        @Override
        public boolean test(JsonNode v) {
            if (!v.isTextual() || query.isEmpty()) {
                return false;
            }
            if (source instanceof Phrase) {
                return Collections.indexOfSubList(analyzer.queryTokens(v.textValue()), query) >= 0;
            }
            Set<String> stored = new HashSet<>(analyzer.documentTokens(v.textValue()));
            return source instanceof Text ? stored.containsAll(query) : query.stream().anyMatch(stored::contains);
        }
    }

    /** An integral JSON number within signed 64-bit range (what Qdrant's {@code as_i64} accepts). */
    static boolean isLong(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToLong();
    }
}
