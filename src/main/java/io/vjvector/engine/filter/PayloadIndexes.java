package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;

/**
 * The payload field indexes of one shard: value → ordinals, kept in step with upserts and
 * deletes, used to narrow a filter to candidate ordinals without reading every payload.
 * Thread-safe.
 */
public final class PayloadIndexes {

    /** Creates (or replaces) an index on {@code key} (a dotted path such as {@code a.b}), indexing {@code existing}. */
    public void create(String key, PayloadSchemaType type, Iterable<Map.Entry<Integer, JsonNode>> existing) {
        // TODO(filter)
    }

    /** Drops the index on {@code key}; returns whether there was one. */
    public boolean drop(String key) {
        return false;
    }

    /** Indexed keys and their types. */
    public Map<String, PayloadSchemaType> schema() {
        return Map.of();
    }

    /** Records the payload of a new ordinal. */
    public void add(int ordinal, JsonNode payload) {
    }

    /** Forgets the payload of an ordinal that is deleted or replaced. */
    public void remove(int ordinal, JsonNode payload) {
    }

    /**
     * A superset of the ordinals that can satisfy {@code filter}, when the indexes can narrow it;
     * empty when they cannot (the caller then evaluates the filter on every live point). Callers
     * must still {@link Filter#test} each candidate.
     */
    public Optional<BitSet> candidates(Filter filter) {
        return Optional.empty();
    }
}
