package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.point.PointId;

/** A stored point as returned by retrieve/scroll; payload and vector are null when not requested. */
public record PointRecord(PointId id, ObjectNode payload, float[] vector) {
}
