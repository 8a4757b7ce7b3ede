package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.point.PointId;

/**
 * What a shard knows about one ordinal besides its vector. Immutable: a payload change publishes
 * a new slot, so a reader sees either the old (payload, version) pair or the new one, never a mix.
 *
 * @param entry   the id's entry, which says whether this ordinal is still the id's current one
 * @param payload never null, never mutated after the slot is published
 * @param version operation id of the write that produced this slot
 */
record PointSlot(IdEntry entry, ObjectNode payload, long version) {

    PointId id() {
        return entry.id;
    }
}
