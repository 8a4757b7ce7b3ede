package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.PayloadIndexes;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.point.PointId;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of a shard: its vector fields, the id ↔ ordinal table, payloads and payload indexes, with the
 * code that applies a resolved {@link ShardOperation} to them. A {@link Shard} holds one state and
 * replaces it whole when it is rebuilt ({@link ShardRebuild}), so a reader that took the state once
 * works on one consistent set of structures even while a swap happens.
 *
 * <p>Mutations run under the owning shard's write lock (or on a state no one else sees yet).
 */
final class ShardState {

    final ShardVectors vectors;
    final IdTracker tracker = new IdTracker();
    final PayloadIndexes payloadIndexes = new PayloadIndexes();
    final PointMatcher matcher = new PointMatcher(tracker, payloadIndexes, this::hasVector);
    final SearchPlanner planner;

    ShardState(ShardVectors vectors) {
        this.vectors = vectors;
        this.planner = new SearchPlanner(vectors, tracker, matcher);
    }

    /** Whether {@code ordinal} has a value for vector field {@code name} ({@code has_vector}). */
    private boolean hasVector(int ordinal, String name) {
        return vectors.has(ordinal, name);
    }

    /** Applies a resolved operation recorded under operation id {@code op}. */
    void apply(ShardOperation operation, long op) {
        if (operation instanceof ShardOperation.Upsert u) {
            applyUpsert(u.points(), op);
        } else if (operation instanceof ShardOperation.Delete d) {
            for (PointId id : d.ids()) {
                remove(id);
            }
        } else if (operation instanceof ShardOperation.UpdatePayload p) {
            for (PointId id : p.ids()) {
                int ord = tracker.ordinalOf(id);
                if (ord >= 0) {
                    rewritePayload(ord, p.update(), op);
                }
            }
        } else if (operation instanceof ShardOperation.CreateFieldIndex c) {
            List<Map.Entry<Integer, JsonNode>> existing = new ArrayList<>();
            matcher.forEach(null, (ord, slot) -> existing.add(new AbstractMap.SimpleImmutableEntry<>(ord, slot.payload())));
            payloadIndexes.create(c.key(), c.schema(), existing);
        } else if (operation instanceof ShardOperation.DropFieldIndex d) {
            payloadIndexes.drop(d.key());
        } else if (operation instanceof ShardOperation.UpdateVectors u) {
            List<PointWrite> rewritten = new ArrayList<>();
            for (VectorsUpdate p : u.points()) {
                Map<String, VectorValue> merged = currentVectors(p.id());
                if (merged != null) {
                    merged.putAll(p.vectors());
                    rewritten.add(new PointWrite(p.id(), merged, tracker.slot(tracker.ordinalOf(p.id())).payload()));
                }
            }
            applyUpsert(rewritten, op, false);
        } else if (operation instanceof ShardOperation.DeleteVectors d) {
            List<PointWrite> rewritten = new ArrayList<>();
            for (PointId id : d.ids()) {
                Map<String, VectorValue> remaining = currentVectors(id);
                if (remaining != null) {
                    remaining.keySet().removeAll(d.names());
                    rewritten.add(new PointWrite(id, remaining, tracker.slot(tracker.ordinalOf(id)).payload()));
                }
            }
            applyUpsert(rewritten, op, false);
        }
    }

    /**
     * A mutable copy of the current vectors of {@code id} as stored, or null if it is absent. Stored
     * again they are prepared again; that is deterministic, so a replay stores the same bits.
     */
    private Map<String, VectorValue> currentVectors(PointId id) {
        int ord = tracker.ordinalOf(id);
        return ord < 0 ? null : new LinkedHashMap<>(vectors.values(ord, null));
    }

    private void applyUpsert(List<PointWrite> batch, long op) {
        applyUpsert(batch, op, false);
    }

    /** Stores the batch under new ordinals and publishes them. */
    private void applyUpsert(List<PointWrite> batch, long op, boolean prepared) {
        List<Map<String, VectorValue>> values = new ArrayList<>(batch.size());
        for (PointWrite p : batch) {
            values.add(p.vectors());
        }
        int[] ordinals = vectors.addAll(values, prepared);
        for (int i = 0; i < batch.size(); i++) {
            PointWrite p = batch.get(i);
            ObjectNode payload = p.payload() == null ? JsonNodeFactory.instance.objectNode() : p.payload().deepCopy();
            publish(ordinals[i], p.id(), payload, op);
        }
    }

    private void publish(int ordinal, PointId id, ObjectNode payload, long op) {
        int previous = tracker.ordinalOf(id);
        PointSlot previousSlot = previous >= 0 ? tracker.slot(previous) : null;
        payloadIndexes.add(ordinal, payload);
        tracker.publish(ordinal, id, payload, op);
        if (previous >= 0) {
            vectors.delete(previous);
            payloadIndexes.remove(previous, previousSlot.payload());
        }
    }

    private void remove(PointId id) {
        int ord = tracker.ordinalOf(id);
        if (ord < 0) {
            return;
        }
        PointSlot slot = tracker.slot(ord);
        tracker.remove(id);
        vectors.delete(ord);
        payloadIndexes.remove(ord, slot.payload());
    }

    private void rewritePayload(int ord, PayloadUpdate update, long op) {
        PointSlot old = tracker.slot(ord);
        ObjectNode payload = update.apply(old.payload());
        payloadIndexes.replace(ord, old.payload(), payload);
        tracker.replace(ord, payload, op);
    }

    /**
     * Makes {@code id} the point at {@code ordinal}, whose vector the index already holds
     * (loading a checkpoint, or filling a rebuilt state).
     *
     * @throws IllegalArgumentException if the ordinal is not a live vector or the id is already present
     */
    void restorePoint(int ordinal, PointId id, ObjectNode payload, long version) {
        if (ordinal < 0 || ordinal >= vectors.size()) {
            throw new IllegalArgumentException("point " + id + " refers to ordinal " + ordinal
                    + ", but only " + vectors.size() + " are stored");
        }
        if (tracker.publish(ordinal, id, payload, version) >= 0) {
            throw new IllegalArgumentException("point " + id + " appears twice");
        }
        payloadIndexes.add(ordinal, payload);
    }
}
