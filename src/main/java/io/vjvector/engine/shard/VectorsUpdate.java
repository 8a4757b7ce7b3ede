package io.vjvector.engine.shard;

import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.point.PointId;
import java.util.Map;

/** New values for some vectors of one existing point; its other vectors and payload are kept. */
public record VectorsUpdate(PointId id, Map<String, VectorValue> vectors) {

    public VectorsUpdate {
        vectors = Map.copyOf(vectors);
    }
}
