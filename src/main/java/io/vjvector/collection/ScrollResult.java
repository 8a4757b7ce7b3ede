package io.vjvector.collection;

import io.vjvector.engine.point.PointId;
import java.util.List;

/** One page of a scroll; {@code nextPageOffset} is null on the last page. */
public record ScrollResult(List<PointRecord> points, PointId nextPageOffset) {
}
