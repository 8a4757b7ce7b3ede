package io.vjvector.collection;

import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.point.PointId;
import java.util.Map;

/** New values for some vectors of one point (Qdrant's {@code PointVectors}). */
public record PointVectors(PointId id, Map<String, VectorValue> vectors) {

    public PointVectors {
        vectors = Map.copyOf(vectors);
    }
}
