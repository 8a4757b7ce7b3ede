package io.vjvector.engine.shard;

import io.vjvector.engine.point.PointId;

/**
 * One id's link to its current ordinal, shared by every slot the id has had since it was last
 * inserted. Moving {@link #ordinal} is the single write that switches a replaced point from its
 * old ordinal to its new one, so a reader sees exactly one of them as current; a delete sets it to
 * -1 for good (a later insert of the same id gets a fresh entry).
 */
final class IdEntry {

    final PointId id;
    volatile int ordinal;

    IdEntry(PointId id, int ordinal) {
        this.id = id;
        this.ordinal = ordinal;
    }
}
