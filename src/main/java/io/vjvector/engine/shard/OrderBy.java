package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scroll order by a payload field that has a range-capable index: ascending or descending by the
 * field's values, from {@code startFrom} (inclusive; null = from the lowest value ascending, the
 * highest descending). {@code startFrom} is a number, or a datetime for a datetime field; it is
 * read against the field's index type when the scroll runs.
 */
public record OrderBy(String key, boolean descending, JsonNode startFrom) {
}
