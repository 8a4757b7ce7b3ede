package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Datetime strings (as {@link Datetimes} reads them) → ordinals, ordered by instant; answers
 * datetime ranges. Strings that are not datetimes are not indexed, and no other condition is
 * answered, as with Qdrant's datetime index.
 */
final class DatetimeIndex extends FieldIndex {

    private final Postings<Long> postings = new Postings<>(TreeMap::new);

    DatetimeIndex(JsonPath path) {
        super(path, PayloadSchemaType.DATETIME);
    }

    @Override
    boolean addValue(JsonNode value, int ordinal) {
        long micros = micros(value);
        if (micros == Long.MIN_VALUE) {
            return false;
        }
        postings.add(micros, ordinal);
        return true;
    }

    @Override
    void removeValue(JsonNode value, int ordinal) {
        long micros = micros(value);
        if (micros != Long.MIN_VALUE) {
            postings.remove(micros, ordinal);
        }
    }

    private static long micros(JsonNode value) {
        return value.isTextual() ? Datetimes.parseMicros(value.textValue()) : Long.MIN_VALUE;
    }

    @Override
    BitSet candidates(ValueTest test) {
        return test instanceof DatetimeRange range ? Postings.union(inRange(range)) : null;
    }

    @Override
    long estimate(ValueTest test) {
        return test instanceof DatetimeRange range ? Postings.totalSize(inRange(range)) : -1;
    }

    private Collection<OrdinalSet> inRange(DatetimeRange range) {
        // Parsed datetimes are never Long.MIN_VALUE (the parser's "not a datetime").
        long lo = Long.MIN_VALUE + 1;
        long hi = Long.MAX_VALUE;
        if (range.gt() != null) {
            if (range.gt() == Long.MAX_VALUE) {
                return List.of();
            }
            lo = Math.max(lo, range.gt() + 1);
        }
        if (range.gte() != null) {
            lo = Math.max(lo, range.gte());
        }
        if (range.lt() != null) {
            if (range.lt() == Long.MIN_VALUE + 1) {
                return List.of();
            }
            hi = Math.min(hi, range.lt() - 1);
        }
        if (range.lte() != null) {
            hi = Math.min(hi, range.lte());
        }
        NavigableMap<Long, OrdinalSet> map = (NavigableMap<Long, OrdinalSet>) postings.map();
        return lo > hi ? List.of() : map.subMap(lo, true, hi, true).values();
    }
}
