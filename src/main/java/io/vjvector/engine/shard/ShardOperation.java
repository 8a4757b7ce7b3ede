package io.vjvector.engine.shard;

import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.point.PointId;
import java.util.List;
import java.util.Set;

/**
 * One change to a shard, as it is logged and replayed. Every operation names its points
 * explicitly: a delete or payload change by filter is resolved to ids under the shard's write
 * lock before it is logged, so replaying the log reproduces the same state whatever the filter
 * would match at replay time.
 */
sealed interface ShardOperation {

    /** Inserts or replaces points; ids are distinct (the last occurrence in a request wins earlier). */
    record Upsert(List<PointWrite> points) implements ShardOperation {
    }

    /** Deletes points; absent ids are ignored. */
    record Delete(List<PointId> ids) implements ShardOperation {
    }

    /** Changes the payload of points; ids are distinct, absent ids are ignored on replay. */
    record UpdatePayload(List<PointId> ids, PayloadUpdate update) implements ShardOperation {
    }

    /** Creates or replaces the payload index on {@code key}. */
    record CreateFieldIndex(String key, PayloadFieldSchema schema) implements ShardOperation {
    }

    /** Drops the payload index on {@code key}, if any. */
    record DropFieldIndex(String key) implements ShardOperation {
    }

    /**
     * Sets some vectors of existing points, keeping their other vectors and payload; ids are
     * distinct, absent ids are ignored on replay.
     */
    record UpdateVectors(List<VectorsUpdate> points) implements ShardOperation {
    }

    /** Removes the named vectors from existing points; absent ids and names are ignored. */
    record DeleteVectors(List<PointId> ids, Set<String> names) implements ShardOperation {
    }
}
