package io.vjvector.collection.query;

/**
 * Qdrant's {@code lookup_from}: example point ids are read in {@code collection}, from its vector
 * {@code vector} (null = the query's {@code using}); such ids are not excluded from the results,
 * since they name points of another collection.
 */
public record LookupFrom(String collection, String vector) {
}
