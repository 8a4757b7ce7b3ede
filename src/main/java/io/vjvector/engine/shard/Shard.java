package io.vjvector.engine.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadIndexes;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.VectorIndex;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.VJVectorException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One shard: vectors in a {@link VectorIndex}, an id ↔ ordinal tracker, immutable payloads and
 * versions per ordinal, and payload field indexes.
 *
 * <p><b>Concurrency.</b> Writes are serialised by one lock and each takes the next operation id
 * from the collection (the future WAL sequence number), so per shard they apply in operation-id
 * order. Reads never take the lock: they see every write that returned before they started and
 * possibly parts of a write running concurrently (a batch is not isolated from readers), but never
 * a deleted or replaced version of a point (see {@link IdTracker}).
 *
 * <p>An upsert of an existing id stores the vector under a new ordinal and tombstones the old one,
 * so a concurrent search sees either the old or the new point, never a torn one.
 */
public final class Shard {

    private final VectorIndex index;
    private final IdTracker tracker = new IdTracker();
    private final PayloadIndexes payloadIndexes = new PayloadIndexes();
    private final PointMatcher matcher = new PointMatcher(tracker, payloadIndexes);
    private final SearchPlanner planner;
    private final LongSupplier operationIds;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile SearchDefaults searchDefaults;

    /**
     * @param operationIds source of the collection's operation ids, called under this shard's write
     *                     lock (so ids increase along this shard's write order)
     */
    public Shard(VectorIndex index, SearchDefaults searchDefaults, LongSupplier operationIds) {
        this.index = index;
        this.searchDefaults = searchDefaults;
        this.operationIds = operationIds;
        this.planner = new SearchPlanner(index, tracker, matcher);
    }

    /** Changes the search defaults for searches that start from now on. */
    public void setSearchDefaults(SearchDefaults defaults) {
        this.searchDefaults = defaults;
    }

    public SearchDefaults searchDefaults() {
        return searchDefaults;
    }

    public int dimension() {
        return index.dimension();
    }

    /**
     * Inserts or replaces points as one operation. When an id occurs twice in the batch, the last
     * occurrence wins. All vectors are validated before anything is applied.
     *
     * @return the operation id
     * @throws VJVectorException BAD_REQUEST for a vector of the wrong size or with a non-finite value
     */
    public long upsert(List<PointWrite> points) {
        for (PointWrite p : points) {
            VectorValidator.check(p.vector(), index.dimension(), "vector");
        }
        Map<PointId, PointWrite> unique = new LinkedHashMap<>();
        for (PointWrite p : points) {
            unique.remove(p.id());
            unique.put(p.id(), p);
        }
        List<PointWrite> batch = new ArrayList<>(unique.values());
        List<float[]> vectors = new ArrayList<>(batch.size());
        for (PointWrite p : batch) {
            vectors.add(p.vector());
        }
        writeLock.lock();
        try {
            long op = operationIds.getAsLong();
            int[] ordinals = ParallelInserter.addAll(index, vectors);
            for (int i = 0; i < batch.size(); i++) {
                PointWrite p = batch.get(i);
                ObjectNode payload = p.payload() == null ? JsonNodeFactory.instance.objectNode() : p.payload().deepCopy();
                publish(ordinals[i], p.id(), payload, op);
            }
            return op;
        } finally {
            writeLock.unlock();
        }
    }

    private void publish(int ordinal, PointId id, ObjectNode payload, long op) {
        int previous = tracker.ordinalOf(id);
        PointSlot previousSlot = previous >= 0 ? tracker.slot(previous) : null;
        payloadIndexes.add(ordinal, payload);
        tracker.publish(ordinal, id, payload, op);
        if (previous >= 0) {
            index.delete(previous);
            payloadIndexes.remove(previous, previousSlot.payload());
        }
    }

    /** Deletes the given ids (absent ones are ignored). Returns the operation id. */
    public long delete(List<PointId> ids) {
        writeLock.lock();
        try {
            long op = operationIds.getAsLong();
            for (PointId id : ids) {
                remove(id);
            }
            return op;
        } finally {
            writeLock.unlock();
        }
    }

    /** Deletes every point matching {@code filter}. Returns the operation id. */
    public long delete(Filter filter) {
        writeLock.lock();
        try {
            long op = operationIds.getAsLong();
            for (PointId id : matchingIds(filter)) {
                remove(id);
            }
            return op;
        } finally {
            writeLock.unlock();
        }
    }

    private void remove(PointId id) {
        int ord = tracker.ordinalOf(id);
        if (ord < 0) {
            return;
        }
        PointSlot slot = tracker.slot(ord);
        tracker.remove(id);
        index.delete(ord);
        payloadIndexes.remove(ord, slot.payload());
    }

    private List<PointId> matchingIds(Filter filter) {
        List<PointId> ids = new ArrayList<>();
        matcher.forEach(filter, (ord, slot) -> ids.add(slot.id()));
        return ids;
    }

    /**
     * Changes the payload of the given points.
     *
     * @throws VJVectorException NOT_FOUND ("No point with id X found", as Qdrant) naming the first
     *                           absent id; nothing is changed then
     */
    public long updatePayload(List<PointId> ids, PayloadUpdate update) {
        writeLock.lock();
        try {
            for (PointId id : ids) {
                if (tracker.ordinalOf(id) < 0) {
                    throw VJVectorException.notFound("No point with id " + id + " found");
                }
            }
            long op = operationIds.getAsLong();
            for (PointId id : new LinkedHashSet<>(ids)) {
                rewritePayload(tracker.ordinalOf(id), update, op);
            }
            return op;
        } finally {
            writeLock.unlock();
        }
    }

    /** Changes the payload of every point matching {@code filter}. Returns the operation id. */
    public long updatePayload(Filter filter, PayloadUpdate update) {
        writeLock.lock();
        try {
            long op = operationIds.getAsLong();
            for (PointId id : matchingIds(filter)) {
                rewritePayload(tracker.ordinalOf(id), update, op);
            }
            return op;
        } finally {
            writeLock.unlock();
        }
    }

    private void rewritePayload(int ord, PayloadUpdate update, long op) {
        PointSlot old = tracker.slot(ord);
        ObjectNode payload = update.apply(old.payload());
        payloadIndexes.replace(ord, old.payload(), payload);
        tracker.replace(ord, payload, op);
    }

    /** Creates (or replaces) a payload index on {@code key}, indexing the current points. Returns the operation id. */
    public long createFieldIndex(String key, PayloadSchemaType type) {
        writeLock.lock();
        try {
            long op = operationIds.getAsLong();
            List<Map.Entry<Integer, JsonNode>> existing = new ArrayList<>();
            matcher.forEach(null, (ord, slot) -> existing.add(new AbstractMap.SimpleImmutableEntry<>(ord, slot.payload())));
            payloadIndexes.create(key, type, existing);
            return op;
        } finally {
            writeLock.unlock();
        }
    }

    /** Drops the payload index on {@code key} if there is one. Returns the operation id. */
    public long dropFieldIndex(String key) {
        writeLock.lock();
        try {
            long op = operationIds.getAsLong();
            payloadIndexes.drop(key);
            return op;
        } finally {
            writeLock.unlock();
        }
    }

    /** The indexed payload fields with the number of live points that hold an indexed value. */
    public Map<String, FieldIndexInfo> fieldIndexes() {
        Map<String, FieldIndexInfo> out = new LinkedHashMap<>();
        payloadIndexes.fields().forEach((key, field) -> out.put(key, new FieldIndexInfo(field.type(), field.points())));
        return out;
    }

    /** Points that exist among {@code ids}, in the order asked (duplicates and absent ids skipped). */
    public List<StoredPoint> retrieve(List<PointId> ids, boolean withPayload, boolean withVector) {
        List<StoredPoint> out = new ArrayList<>(ids.size());
        for (PointId id : new LinkedHashSet<>(ids)) {
            int ord = tracker.ordinalOf(id);
            PointSlot slot = ord < 0 ? null : tracker.liveSlot(ord);
            if (slot != null) {
                out.add(point(ord, slot, withPayload, withVector));
            }
        }
        return out;
    }

    /** Top hits for {@code request}, best first; see {@link SearchPlanner} for how. */
    public List<ScoredHit> search(ShardSearch request) {
        VectorValidator.check(request.query(), index.dimension(), "vector");
        return planner.search(request, searchDefaults);
    }

    /**
     * Up to {@code limit} points matching {@code filter} (null = all) in id order, starting at
     * {@code offset} inclusive (null = the first id).
     */
    public List<StoredPoint> scroll(Filter filter, PointId offset, int limit, boolean withPayload, boolean withVector) {
        List<StoredPoint> out = new ArrayList<>(Math.min(limit, 1024));
        if (limit <= 0) {
            return out;
        }
        matcher.forEachInIdOrder(filter, offset, (ord, slot) -> {
            out.add(point(ord, slot, withPayload, withVector));
            return out.size() < limit;
        });
        return out;
    }

    /** Exact number of points matching {@code filter} (null = all). */
    public long count(Filter filter) {
        return matcher.count(filter);
    }

    /** Number of live points. */
    public int pointCount() {
        return tracker.liveCount();
    }

    /** Number of live vectors in the index (equals {@link #pointCount()} once writes settle). */
    public int indexedVectorCount() {
        return index.liveCount();
    }

    /** Heap held by the vector index. */
    public long indexRamBytesUsed() {
        return index.ramBytesUsed();
    }

    private StoredPoint point(int ord, PointSlot slot, boolean withPayload, boolean withVector) {
        return new StoredPoint(slot.id(), slot.version(),
                withPayload ? slot.payload() : null,
                withVector ? index.vector(ord) : null);
    }
}
