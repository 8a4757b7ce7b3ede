package io.vjvector.collection.query;

/**
 * One entry of a ranked list: an item (a scored point, typically), the id that identifies it
 * across lists, and its score. Lists of {@code Ranked} are best first.
 *
 * @param id compared with {@code equals}/{@code hashCode}: items with equal ids are one item
 */
public record Ranked<T>(T item, Object id, float score) {
}
