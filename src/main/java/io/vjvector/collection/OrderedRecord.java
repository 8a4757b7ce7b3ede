package io.vjvector.collection;

/**
 * A point read by a scroll with {@code order_by} at one of its values (a point with several values
 * is read once per value, as in Qdrant): the record, the value on the field's axis ({@code key},
 * for merging shards) and as Qdrant reports it ({@code orderValue}).
 */
public record OrderedRecord(PointRecord record, double key, Number orderValue) {
}
