package io.vjvector.collection;

import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.point.PointId;
import java.util.List;

/** Points an update applies to: explicit ids, or all points matching a filter (exactly one is non-null). */
public record PointSelector(List<PointId> ids, Filter filter) {

    public static PointSelector ids(List<PointId> ids) {
        return new PointSelector(ids, null);
    }

    public static PointSelector filter(Filter filter) {
        return new PointSelector(null, filter);
    }
}
