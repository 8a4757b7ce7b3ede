package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

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
     * {@code {"text": "..."}}: the stored string contains the text (Qdrant's behaviour without a
     * full-text index, which this engine does not have).
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

    /** An integral JSON number within signed 64-bit range (what Qdrant's {@code as_i64} accepts). */
    static boolean isLong(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToLong();
    }
}
