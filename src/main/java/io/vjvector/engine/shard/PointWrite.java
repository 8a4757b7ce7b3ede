package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.point.PointId;

/** A point to upsert into a shard. {@code payload} null means an empty payload. */
public record PointWrite(PointId id, float[] vector, ObjectNode payload) {
}
