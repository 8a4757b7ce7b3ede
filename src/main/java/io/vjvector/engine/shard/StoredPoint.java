package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.point.PointId;

/**
 * A point read from a shard. {@code payload} is the shard's own immutable object (copy it before
 * changing it) or null when not asked for; {@code vector} is a copy of the stored (for Cosine,
 * normalised) vector or null when not asked for.
 */
public record StoredPoint(PointId id, long version, ObjectNode payload, float[] vector) {
}
