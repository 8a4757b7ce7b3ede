package io.vjvector.engine.filter;

/** Datetime strings as numbers, for code outside the filter package (score formulas). */
public final class DatetimeValues {

    private DatetimeValues() {
    }

    /**
     * Whole seconds since 1970-01-01T00:00:00Z of a datetime in any form a payload may hold
     * (RFC 3339, with a space for {@code T}, a bare date), or null if {@code text} is no datetime.
     */
    public static Long epochSeconds(String text) {
        long micros = Datetimes.parseMicros(text);
        return micros == Long.MIN_VALUE ? null : Math.floorDiv(micros, 1_000_000L);
    }
}
