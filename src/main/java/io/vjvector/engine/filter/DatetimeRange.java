package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code "range": {"gt": "2023-02-08T10:49:00Z", ...}}: a range whose bounds are datetimes, in
 * microseconds since the epoch (null = absent). Stored strings are parsed as {@link Datetimes}
 * does; a stored value that is not a datetime string never matches.
 */
public record DatetimeRange(Long gt, Long gte, Long lt, Long lte) implements ValueTest {

    @Override
    public boolean test(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        long t = Datetimes.parseMicros(value.textValue());
        return t != Long.MIN_VALUE
                && (gt == null || t > gt)
                && (gte == null || t >= gte)
                && (lt == null || t < lt)
                && (lte == null || t <= lte);
    }
}
