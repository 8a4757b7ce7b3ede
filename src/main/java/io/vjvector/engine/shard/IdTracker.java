package io.vjvector.engine.shard;

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
 * not published yet.
 */
final class IdTracker {

    private final ConcurrentSkipListMap<PointId, Integer> ordinals = new ConcurrentSkipListMap<>();
    private final OrdinalTable<PointSlot> slots = new OrdinalTable<>();
    /** Kept apart because {@link ConcurrentSkipListMap#size()} walks the whole map. */
    private volatile int liveCount;

    /** The slot of {@code ordinal} if it is still the current ordinal of its id, else null. */
    PointSlot liveSlot(int ordinal) {
        PointSlot slot = slots.get(ordinal);
        if (slot == null) {
            return null;
        }
        Integer current = ordinals.get(slot.id());
        return current != null && current == ordinal ? slot : null;
    }

    /** The current ordinal of {@code id}, or -1. */
    int ordinalOf(PointId id) {
        Integer ord = ordinals.get(id);
        return ord == null ? -1 : ord;
    }

    int liveCount() {
        return liveCount;
    }

    /** Live (id, ordinal) entries in id order from {@code from} inclusive (null = the first id). */
    Iterable<Map.Entry<PointId, Integer>> fromId(PointId from) {
        return (from == null ? ordinals : ordinals.tailMap(from, true)).entrySet();
    }

    /**
     * Makes {@code ordinal} the current ordinal of {@code slot.id()}. The slot is published before
     * the id mapping so a reader that finds the mapping also finds the slot.
     *
     * @return the id's previous ordinal (now dead, its slot cleared), or -1
     */
    int publish(int ordinal, PointSlot slot) {
        slots.set(ordinal, slot);
        Integer previous = ordinals.put(slot.id(), ordinal);
        if (previous == null) {
            liveCount++;
            return -1;
        }
        slots.set(previous, null);
        return previous;
    }

    /** Replaces the slot of a live ordinal (payload change); the id mapping stays. */
    void replace(int ordinal, PointSlot slot) {
        slots.set(ordinal, slot);
    }

    /** Removes {@code id}; returns its ordinal (its slot cleared), or -1 if it was absent. */
    int remove(PointId id) {
        Integer previous = ordinals.remove(id);
        if (previous == null) {
            return -1;
        }
        liveCount--;
        slots.set(previous, null);
        return previous;
    }

    /** The slot of an ordinal the caller knows is live (under the write lock). */
    PointSlot slot(int ordinal) {
        return slots.get(ordinal);
    }
}
