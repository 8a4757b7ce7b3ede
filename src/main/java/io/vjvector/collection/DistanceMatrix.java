package io.vjvector.collection;

import io.vjvector.engine.point.PointId;
import java.util.List;

/**
 * Qdrant's distance matrix: sampled points ({@code ids}, in id order) and, for the point at each
 * position, its nearest other sampled points best first ({@code nearest}, parallel to {@code ids}).
 */
public record DistanceMatrix(List<PointId> ids, List<List<ScoredPoint>> nearest) {

    static final DistanceMatrix EMPTY = new DistanceMatrix(List.of(), List.of());
}
