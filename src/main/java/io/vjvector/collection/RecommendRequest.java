package io.vjvector.collection;

import io.vjvector.engine.point.PointId;
import java.util.List;

/**
 * Qdrant's recommend with the {@code average_vector} strategy: positive and negative examples
 * given as ids (looked up) or raw vectors; the example ids themselves are never returned. The
 * search from their average vector runs with {@code options}.
 */
public record RecommendRequest(
        List<PointId> positiveIds,
        List<float[]> positiveVectors,
        List<PointId> negativeIds,
        List<float[]> negativeVectors,
        SearchOptions options,
        String using) {

    /** A recommendation over the unnamed vector. */
    public RecommendRequest(List<PointId> positiveIds, List<float[]> positiveVectors, List<PointId> negativeIds,
                            List<float[]> negativeVectors, SearchOptions options) {
        this(positiveIds, positiveVectors, negativeIds, negativeVectors, options, "");
    }
}
