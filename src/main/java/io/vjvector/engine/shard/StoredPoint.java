package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.point.PointId;
import java.util.Map;

/**
 * A point read from a shard. {@code payload} is the shard's own immutable object (copy it before
 * changing it) or null when not asked for; {@code vectors} holds copies of the stored (for Cosine,
 * normalised) vectors that were asked for and that the point has, by field name, or is null when
 * none were asked for.
 */
public record StoredPoint(PointId id, long version, ObjectNode payload, Map<String, VectorValue> vectors) {

    /** The unnamed dense vector, or null when it was not asked for or the point has none. */
    public float[] vector() {
        VectorValue v = vectors == null ? null : vectors.get(VectorFieldSpec.DEFAULT_NAME);
        return v instanceof VectorValue.Dense d ? d.values() : null;
    }
}
