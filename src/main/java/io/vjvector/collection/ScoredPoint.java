package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.VectorFieldSpec;
import java.util.Map;

/**
 * A search hit with Qdrant's score (see {@link io.vjvector.engine.index.Distance#toScore}); payload
 * is null when not requested, vectors null when none were requested. {@code version} is the
 * operation id that last wrote it.
 */
public record ScoredPoint(PointId id, long version, float score, ObjectNode payload, Map<String, VectorValue> vectors) {

    /** The unnamed dense vector, or null. */
    public float[] vector() {
        return NamedVectors.dense(vectors, VectorFieldSpec.DEFAULT_NAME);
    }

    /** The same point with another score (fusion, rescoring). */
    public ScoredPoint withScore(float newScore) {
        return new ScoredPoint(id, version, newScore, payload, vectors);
    }
}
