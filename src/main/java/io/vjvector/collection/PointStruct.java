package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.VectorFieldSpec;
import java.util.Map;

/** A point to upsert: id, vectors by field name (the point may lack some fields), payload (never null). */
public record PointStruct(PointId id, Map<String, VectorValue> vectors, ObjectNode payload) {

    public PointStruct {
        vectors = Map.copyOf(vectors);
    }

    /** A point with only the unnamed dense vector. */
    public PointStruct(PointId id, float[] vector, ObjectNode payload) {
        this(id, Map.of(VectorFieldSpec.DEFAULT_NAME, new VectorValue.Dense(vector)), payload);
    }

    /** The unnamed dense vector, or null. */
    public float[] vector() {
        return NamedVectors.dense(vectors, VectorFieldSpec.DEFAULT_NAME);
    }
}
