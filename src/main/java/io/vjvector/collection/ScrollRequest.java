package io.vjvector.collection;

import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.VectorSelection;

/** Page through points in id order starting at {@code offset} (inclusive; null = from the start). */
public record ScrollRequest(Filter filter, int limit, PointId offset, WithPayload withPayload,
                            VectorSelection withVector) {

    /** A request returning all vectors or none. */
    public ScrollRequest(Filter filter, int limit, PointId offset, WithPayload withPayload, boolean withVector) {
        this(filter, limit, offset, withPayload, VectorSelection.of(withVector));
    }
}
