package io.vjvector.engine.shard;

import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.index.VectorValue;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a fresh {@link ShardState} holding only the live points of another one: the two steps of
 * {@link Shard#rebuild} that do not need the shard's lock apart from a short capture.
 *
 * <p>The capture copies only references (ordinal, slot) under the write lock; vectors are read
 * from the old index afterwards, which is safe because an ordinal's vector never changes once
 * stored, and a tombstone does not erase it.
 */
final class ShardRebuild {

    /** The live points of a state as of one instant, in id order, and its payload index schema. */
    record LivePoints(ShardState source, int[] ordinals, PointSlot[] slots, Map<String, PayloadFieldSchema> schema) {
    }

    /** An operation applied to the shard after a rebuild captured it, replayed onto the rebuilt state. */
    record Committed(ShardOperation operation, long operationId) {
    }

    private ShardRebuild() {
    }

    /** Whether two specs hold the same values (kind, dimension, distance, datatype); graph settings may differ. */
    private static boolean sameSpace(VectorFieldSpec a, VectorFieldSpec b) {
        if (a instanceof VectorFieldSpec.Dense x && b instanceof VectorFieldSpec.Dense y) {
            return x.index().dimension() == y.index().dimension() && x.index().distance() == y.index().distance()
                    && x.datatype() == y.datatype();
        }
        if (a instanceof VectorFieldSpec.Multi x && b instanceof VectorFieldSpec.Multi y) {
            return x.index().dimension() == y.index().dimension() && x.index().distance() == y.index().distance()
                    && x.datatype() == y.datatype();
        }
        return a instanceof VectorFieldSpec.Sparse && b instanceof VectorFieldSpec.Sparse;
    }

    /** Copies the live (ordinal, slot) pairs of {@code state}; call under the shard's write lock. */
    static LivePoints capture(ShardState state) {
        int live = state.tracker.liveCount();
        List<PointSlot> slots = new ArrayList<>(live);
        int[] ordinals = new int[live];
        for (var e : state.tracker.fromId(null)) {
            int ord = e.getValue().ordinal;
            ordinals[slots.size()] = ord;
            slots.add(state.tracker.slot(ord));
        }
        return new LivePoints(state, ordinals, slots.toArray(PointSlot[]::new), state.payloadIndexes.schema());
    }

    /**
     * A state over {@code fresh} (empty fields) holding the captured points with their vectors,
     * payloads and versions, and the captured payload indexes. Runs without the lock; vectors are
     * linked with the shard's bulk insert threads.
     *
     * @throws IllegalArgumentException if {@code fresh} is not empty or has other fields
     */
    static ShardState build(LivePoints live, ShardVectors fresh) {
        ShardVectors old = live.source().vectors;
        if (fresh.size() != 0 || !fresh.fields().keySet().equals(old.fields().keySet())) {
            throw new IllegalArgumentException("a rebuild needs empty fields " + old.fields().keySet());
        }
        old.fields().forEach((name, field) -> {
            if (!sameSpace(field.spec(), fresh.field(name).spec())) {
                throw new IllegalArgumentException("a rebuild cannot change what vector field '" + name + "' holds: "
                        + field.spec() + " vs " + fresh.field(name).spec());
            }
        });
        ShardState next = new ShardState(fresh);
        live.schema().forEach((key, type) -> next.payloadIndexes.create(key, type, null));
        int[] sources = live.ordinals();
        // Read lazily: an ordinal's vectors never change once stored, and a tombstone does not erase them.
        List<Map<String, VectorValue>> values = new AbstractList<>() {
            @Override
            public Map<String, VectorValue> get(int i) {
                return old.values(sources[i], null);
            }

            @Override
            public int size() {
                return sources.length;
            }
        };
        int[] ordinals = fresh.addAll(values, true);
        PointSlot[] slots = live.slots();
        for (int i = 0; i < slots.length; i++) {
            next.restorePoint(ordinals[i], slots[i].id(), slots[i].payload(), slots[i].version());
        }
        return next;
    }
}
