package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import java.util.BitSet;
import java.util.HashMap;

/**
 * Strings that are UUIDs, under their canonical form → ordinals; answers {@code match}
 * {@code value} / {@code any} with UUID strings. Other strings are not indexed, so a match value
 * that is not a UUID (which could equal such a string) is not answered. Candidates hold every
 * spelling of the UUID (upper case, braces); the exact test then compares the strings.
 */
final class UuidIndex extends FieldIndex {

    private final Postings<PointId> postings = new Postings<>(HashMap::new);

    UuidIndex(JsonPath path) {
        super(path, PayloadSchemaType.UUID);
    }

    private static PointId uuid(JsonNode value) {
        return value.isTextual() ? Uuids.parse(value.textValue()) : null;
    }

    @Override
    boolean addValue(JsonNode value, int ordinal) {
        PointId uuid = uuid(value);
        if (uuid == null) {
            return false;
        }
        postings.add(uuid, ordinal);
        return true;
    }

    @Override
    void removeValue(JsonNode value, int ordinal) {
        PointId uuid = uuid(value);
        if (uuid != null) {
            postings.remove(uuid, ordinal);
        }
    }

    @Override
    BitSet candidates(Match match) {
        Iterable<String> values = values(match);
        if (values == null) {
            return null;
        }
        BitSet out = new BitSet();
        for (String v : values) {
            PointId uuid = Uuids.parse(v);
            if (uuid == null) {
                return null;
            }
            postings.orInto(uuid, out);
        }
        return out;
    }

    @Override
    long estimate(Match match) {
        Iterable<String> values = values(match);
        if (values == null) {
            return -1;
        }
        long total = 0;
        for (String v : values) {
            PointId uuid = Uuids.parse(v);
            if (uuid == null) {
                return -1;
            }
            total += postings.count(uuid);
        }
        return total;
    }

    private static Iterable<String> values(Match match) {
        if (match instanceof Match.Keyword k) {
            return java.util.List.of(k.value());
        }
        if (match instanceof Match.Any any && any.values().isKeywords()) {
            return any.values().keywordSet();
        }
        return null;
    }
}
