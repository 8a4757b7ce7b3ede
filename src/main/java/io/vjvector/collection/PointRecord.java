package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.VectorFieldSpec;
import java.util.Map;

/**
 * A stored point as returned by retrieve/scroll; payload is null when not requested, vectors null
 * when none were requested (else the requested ones the point has, by name).
 */
public record PointRecord(PointId id, ObjectNode payload, Map<String, VectorValue> vectors) {

    /** A point whose only vector is the unnamed dense one (null = not requested). */
    public PointRecord(PointId id, ObjectNode payload, float[] vector) {
        this(id, payload, vector == null ? null : Map.of(VectorFieldSpec.DEFAULT_NAME, new VectorValue.Dense(vector)));
    }

    /** The unnamed dense vector, or null. */
    public float[] vector() {
        return NamedVectors.dense(vectors, VectorFieldSpec.DEFAULT_NAME);
    }
}
