package io.vjvector.engine.filter;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * The datetime strings Qdrant accepts in payloads and in datetime ranges: RFC 3339
 * ({@code 2023-02-08T10:49:00Z}, {@code 2023-02-08T10:49:00.123+01:00}), the same with a space
 * instead of {@code T}, without seconds or without an offset (then UTC), and a bare date
 * ({@code 2023-02-08}, midnight UTC). Compared as microseconds since the epoch, Qdrant's precision.
 */
final class Datetimes {

    static final String FORMATS = "RFC 3339 such as \"2023-02-08T10:49:00Z\" or \"2023-02-08 10:49:00+01:00\","
            + " or a date \"2023-02-08\"";

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private Datetimes() {
    }

    /** Microseconds since 1970-01-01T00:00:00Z, or {@code Long.MIN_VALUE} if {@code text} is no datetime. */
    static long parseMicros(String text) {
        if (text.length() < 10 || text.length() > 40) {
            return Long.MIN_VALUE;
        }
        try {
            if (text.length() == 10) {
                return micros(LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay()
                        .atOffset(ZoneOffset.UTC));
            }
            if (text.charAt(10) != 'T' && text.charAt(10) != 't' && text.charAt(10) != ' ') {
                return Long.MIN_VALUE;
            }
            TemporalAccessor parsed = DATE_TIME.parse(text.substring(0, 10) + 'T' + text.substring(11));
            LocalDateTime local = LocalDateTime.from(parsed);
            ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))
                    : ZoneOffset.UTC;
            return micros(local.atOffset(offset));
        } catch (DateTimeException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /**
     * A datetime string that {@link #parseMicros} reads back as {@code micros}: RFC 3339 in UTC
     * with six fraction digits. An instant whose UTC year has more or fewer than four digits (one
     * parsed from a local time near year 0 or 9999 with an offset) is written with the offset of
     * at most 18 hours that brings its local year back to four digits.
     */
    static String formatMicros(long micros) {
        Instant instant = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
        if (t.getYear() > 9999) {
            t = instant.atOffset(ZoneOffset.ofHours(-18));
        } else if (t.getYear() < 0) {
            t = instant.atOffset(ZoneOffset.ofHours(18));
        }
        return t.format(FORMAT);
    }

    private static long micros(OffsetDateTime t) {
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
