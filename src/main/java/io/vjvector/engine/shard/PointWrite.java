package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.point.PointId;
import java.util.Map;

/**
 * A point to upsert into a shard: its vectors by field name (a point may lack some of its shard's
 * fields) and its payload ({@code null} means an empty payload).
 */
public record PointWrite(PointId id, Map<String, VectorValue> vectors, ObjectNode payload) {

    public PointWrite {
        vectors = Map.copyOf(vectors);
    }

    /** A point with only the unnamed dense vector. */
    public PointWrite(PointId id, float[] vector, ObjectNode payload) {
        this(id, Map.of(VectorFieldSpec.DEFAULT_NAME, new VectorValue.Dense(vector)), payload);
    }

    /** The unnamed dense vector, or null when the point has none. */
    public float[] vector() {
        VectorValue v = vectors.get(VectorFieldSpec.DEFAULT_NAME);
        return v instanceof VectorValue.Dense d ? d.values() : null;
    }
}
