package io.vjvector.collection;

import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code with_lookup} of search groups: each group whose value is a valid point id (an unsigned
 * integer or a UUID string) gets the point with that id from the lookup collection, when it
 * exists; other groups get none.
 */
public final class GroupLookup {

    /** Reads points of a collection (by name or alias), as {@link CollectionService#retrieve}. */
    @FunctionalInterface
    public interface Reader {
        List<PointRecord> retrieve(String collection, List<PointId> ids, WithPayload withPayload, boolean withVector);
    }

    private GroupLookup() {
    }

    public static List<PointGroup> add(List<PointGroup> groups, GroupRequest.Lookup lookup, Reader reader) {
        if (lookup == null || groups.isEmpty()) {
            return groups;
        }
        List<PointId> ids = new ArrayList<>();
        for (PointGroup g : groups) {
            PointId id = pointId(g.id());
            if (id != null) {
                ids.add(id);
            }
        }
        Map<PointId, PointRecord> found = new HashMap<>();
        for (PointRecord r : reader.retrieve(lookup.collection(), ids, lookup.withPayload(), lookup.withVector())) {
            found.put(r.id(), r);
        }
        List<PointGroup> out = new ArrayList<>(groups.size());
        for (PointGroup g : groups) {
            PointId id = pointId(g.id());
            out.add(g.withLookup(id == null ? null : found.get(id)));
        }
        return out;
    }

    /** The point id a group value names, or null: negative integers and non-UUID strings name none. */
    static PointId pointId(Object value) {
        if (value instanceof Long n) {
            return n >= 0 ? PointId.of(n) : null;
        }
        try {
            UUID uuid = UUID.fromString((String) value);
            // fromString also takes malformed text such as "1-2-3-4-5": only the canonical form names a point.
            return uuid.toString().equalsIgnoreCase((String) value) ? PointId.of(uuid) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
