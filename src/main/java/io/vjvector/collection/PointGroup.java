package io.vjvector.collection;

import java.util.List;

/**
 * One group of search results: the group's value ({@link String} or {@link Long}), its best hits
 * (best first) and, when asked for, the looked-up point whose id is the value (null otherwise).
 */
public record PointGroup(Object id, List<ScoredPoint> hits, PointRecord lookup) {

    PointGroup withLookup(PointRecord found) {
        return new PointGroup(id, hits, found);
    }
}
