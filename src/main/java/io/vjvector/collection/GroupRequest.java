package io.vjvector.collection;

/**
 * Qdrant's grouping of search results: up to {@code limit} groups of up to {@code groupSize}
 * points each, grouped by the string or integer values at the payload path {@code groupBy} (an
 * array puts a point in the group of each of its values). {@code lookup}, when non-null, adds to
 * each group the point of another collection whose id is the group's value.
 */
public record GroupRequest(String groupBy, int groupSize, int limit, Lookup lookup) {

    /** {@code with_lookup}: which collection to read group points from, and what of them. */
    public record Lookup(String collection, WithPayload withPayload, boolean withVector) {
    }
}
