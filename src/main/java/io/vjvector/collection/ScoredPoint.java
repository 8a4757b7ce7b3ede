package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.point.PointId;

/**
 * A search hit with Qdrant's score (see {@link io.vjvector.engine.index.Distance#toScore}); payload
 * and vector are null when not requested. {@code version} is the operation id that last wrote it.
 */
public record ScoredPoint(PointId id, long version, float score, ObjectNode payload, float[] vector) {
}
