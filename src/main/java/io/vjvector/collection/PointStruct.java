package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.point.PointId;

/** A point to upsert: id, vector (already validated for size and finiteness), payload (never null). */
public record PointStruct(PointId id, float[] vector, ObjectNode payload) {
}
