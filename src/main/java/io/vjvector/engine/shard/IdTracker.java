package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.point.PointId;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Maps point ids to their current ordinal (ordered by id, for scroll) and ordinals back to their
 * {@link PointSlot}. One writer (the shard's write lock) and any number of lock-free readers.
 *
 * <p>An ordinal is <em>live</em> while it is the current ordinal of its id. Readers that obtain
 * an ordinal from the vector index must go through {@link #liveSlot(int)}: an index hit may be
 * an ordinal that was replaced or deleted after the search started, or one whose id mapping is
 * not published yet. The check is two volatile reads (the slot, then its {@link IdEntry}), cheap
 * enough for the accept predicate of a graph search.
 */
final class IdTracker {

    private final ConcurrentSkipListMap<PointId, IdEntry> ids = new ConcurrentSkipListMap<>();
    private final OrdinalTable<PointSlot> slots = new OrdinalTable<>();
    /** Kept apart because {@link ConcurrentSkipListMap#size()} walks the whole map. */
    private volatile int liveCount;

    /** The slot of {@code ordinal} if it is the current ordinal of its id, else null. */
    PointSlot liveSlot(int ordinal) {
        PointSlot slot = slots.get(ordinal);
        return slot != null && slot.entry().ordinal == ordinal ? slot : null;
    }

    /** The current ordinal of {@code id}, or -1. */
    int ordinalOf(PointId id) {
        IdEntry entry = ids.get(id);
        return entry == null ? -1 : entry.ordinal;
    }

    int liveCount() {
        return liveCount;
    }

    /** Live ids with their entries in id order from {@code from} inclusive (null = the first id). */
    Iterable<Map.Entry<PointId, IdEntry>> fromId(PointId from) {
        return (from == null ? ids : ids.tailMap(from, true)).entrySet();
    }

    /**
     * Makes {@code ordinal} the current ordinal of {@code id}, with this payload and version. The
     * slot is published before the switch, so a reader that sees the switch also sees the slot.
     *
     * @return the id's previous ordinal (now dead, its slot cleared), or -1
     */
    int publish(int ordinal, PointId id, ObjectNode payload, long version) {
        IdEntry entry = ids.get(id);
        if (entry == null) {
            entry = new IdEntry(id, -1);
            slots.set(ordinal, new PointSlot(entry, payload, version));
            entry.ordinal = ordinal;
            ids.put(id, entry);
            liveCount++;
            return -1;
        }
        int previous = entry.ordinal;
        slots.set(ordinal, new PointSlot(entry, payload, version));
        entry.ordinal = ordinal;
        slots.set(previous, null);
        return previous;
    }

    /** Replaces the payload and version of a live ordinal; the id keeps the ordinal. */
    void replace(int ordinal, ObjectNode payload, long version) {
        PointSlot old = slots.get(ordinal);
        slots.set(ordinal, new PointSlot(old.entry(), payload, version));
    }

    /** Removes {@code id}; returns its ordinal (its slot cleared), or -1 if it was absent. */
    int remove(PointId id) {
        IdEntry entry = ids.remove(id);
        if (entry == null) {
            return -1;
        }
        int previous = entry.ordinal;
        entry.ordinal = -1;
        liveCount--;
        slots.set(previous, null);
        return previous;
    }

    /** The slot of an ordinal the caller knows is live (under the write lock). */
    PointSlot slot(int ordinal) {
        return slots.get(ordinal);
    }
}
