package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.Filter;
import java.util.List;

/** One write of Qdrant's batch update ({@code POST /points/batch}), already read and checked. */
public sealed interface PointsUpdate {

    /** Insert or replace points; with an {@code updateFilter}, existing points are replaced only if they match it. */
    record Upsert(List<PointStruct> points, Filter updateFilter) implements PointsUpdate {
    }

    record Delete(PointSelector selector) implements PointsUpdate {
    }

    /** Merge {@code payload} into the selected points' payloads (at {@code key}, a nested path, if non-null). */
    record SetPayload(ObjectNode payload, PointSelector selector, String key) implements PointsUpdate {
    }

    record OverwritePayload(ObjectNode payload, PointSelector selector) implements PointsUpdate {
    }

    record DeletePayload(List<String> keys, PointSelector selector) implements PointsUpdate {
    }

    record ClearPayload(PointSelector selector) implements PointsUpdate {
    }

    record UpdateVectors(List<PointVectors> points) implements PointsUpdate {
    }

    record DeleteVectors(PointSelector selector, java.util.Set<String> names) implements PointsUpdate {
    }
}
