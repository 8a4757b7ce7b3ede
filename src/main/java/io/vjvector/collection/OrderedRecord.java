package io.vjvector.collection;

/**
 * A point read by a scroll with {@code order_by}: the record, the value it was ordered by on the
 * field's axis ({@code key}, for merging shards) and as Qdrant reports it ({@code orderValue}).
 */
public record OrderedRecord(PointRecord record, double key, Number orderValue) {
}
