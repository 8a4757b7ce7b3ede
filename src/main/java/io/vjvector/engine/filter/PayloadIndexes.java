package io.vjvector.engine.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.payload.JsonPathException;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The payload field indexes of one shard: value → ordinals, kept in step with upserts and
 * deletes, used to narrow a filter to candidate ordinals without reading every payload.
 * Thread-safe: updates take a write lock, look-ups a read lock.
 *
 * <p>Index types follow Qdrant: {@code keyword} (strings; match value/any), {@code integer}
 * (64-bit integers; match value/any and range), {@code float} (all numbers; range), {@code bool}
 * (match value), {@code datetime} (datetime ranges), {@code text} (full-text matches, tokenized by
 * {@link TextAnalyzer}), {@code uuid} (match value/any with UUIDs) and {@code geo} (geo shapes, by a
 * coarse grid). Array values index every element; values of other types are not indexed.
 * Callers must pass {@link #remove} the same payload they passed {@link #add} for that ordinal.
 */
public final class PayloadIndexes {

    /** One indexed field as {@code GET /collections/{name}} reports it. */
    public record FieldInfo(PayloadFieldSchema schema, long points) {

        public PayloadSchemaType type() {
            return schema.type();
        }
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<JsonPath, FieldIndex> indexes = new LinkedHashMap<>();
    /** How many of the indexes are text indexes: binding is skipped while there are none. */
    private int textIndexes;
    private final IndexPlanner planner = new IndexPlanner(Collections.unmodifiableMap(indexes));

    /**
     * Creates (or replaces) an index on {@code key} (a payload path such as {@code a.b} or
     * {@code a[].b}), indexing {@code existing} (ordinal → payload). Runs under the write lock,
     * so no update can slip between the scan and the swap.
     *
     * @throws JsonPathException if {@code key} is not a valid path
     */
    public void create(String key, PayloadFieldSchema schema, Iterable<Map.Entry<Integer, JsonNode>> existing) {
        JsonPath path = JsonPath.parse(key);
        FieldIndex index = FieldIndex.create(path, schema);
        lock.writeLock().lock();
        try {
            if (existing != null) {
                for (Map.Entry<Integer, JsonNode> point : existing) {
                    index.add(point.getKey(), point.getValue());
                }
            }
            FieldIndex previous = indexes.put(path, index);
            textIndexes += isText(index) - isText(previous);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** {@link #create(String, PayloadFieldSchema, Iterable)} for a bare type name. */
    public void create(String key, PayloadSchemaType type, Iterable<Map.Entry<Integer, JsonNode>> existing) {
        create(key, PayloadFieldSchema.of(type), existing);
    }

    /** Drops the index on {@code key}; returns whether there was one (an invalid path never has one). */
    public boolean drop(String key) {
        JsonPath path;
        try {
            path = JsonPath.parse(key);
        } catch (JsonPathException e) {
            return false;
        }
        lock.writeLock().lock();
        try {
            FieldIndex removed = indexes.remove(path);
            textIndexes -= isText(removed);
            return removed != null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Indexed keys (canonical path text) and their definitions, in creation order. */
    public Map<String, PayloadFieldSchema> schema() {
        lock.readLock().lock();
        try {
            Map<String, PayloadFieldSchema> out = new LinkedHashMap<>();
            indexes.forEach((path, index) -> out.put(path.toString(), index.schema()));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Indexed keys with their types and the number of points holding at least one indexed value. */
    public Map<String, FieldInfo> fields() {
        lock.readLock().lock();
        try {
            Map<String, FieldInfo> out = new LinkedHashMap<>();
            indexes.forEach((path, index) -> out.put(path.toString(), new FieldInfo(index.schema(), index.indexedPointCount())));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Records the payload of a new ordinal (null = no payload). */
    public void add(int ordinal, JsonNode payload) {
        lock.writeLock().lock();
        try {
            for (FieldIndex index : indexes.values()) {
                index.add(ordinal, payload);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets the payload of an ordinal that is deleted or replaced (the payload it was added with). */
    public void remove(int ordinal, JsonNode payload) {
        lock.writeLock().lock();
        try {
            for (FieldIndex index : indexes.values()) {
                index.remove(ordinal, payload);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Replaces the indexed payload of an ordinal in one step (same as remove then add, atomically). */
    public void replace(int ordinal, JsonNode oldPayload, JsonNode newPayload) {
        lock.writeLock().lock();
        try {
            for (FieldIndex index : indexes.values()) {
                index.remove(ordinal, oldPayload);
                index.add(ordinal, newPayload);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * {@code filter} with its full-text matches ({@code text}, {@code text_any}, {@code phrase}) on
     * fields with a text index bound to that index's analyzer, so that they are judged on tokens
     * as Qdrant judges them; the filter itself when there is nothing to bind. Filters tested
     * against points must be bound first (binding twice is harmless).
     */
    public Filter bind(Filter filter) {
        if (filter == null) {
            return null;
        }
        lock.readLock().lock();
        try {
            return textIndexes == 0 ? filter : new TextBinder(indexes).bind(filter);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A superset of the ordinals that can satisfy {@code filter}, when the indexes can narrow it;
     * empty when they cannot (the caller then evaluates the filter on every live point). Callers
     * must still {@link Filter#test} each candidate. The set is the caller's to modify.
     */
    public Optional<BitSet> candidates(Filter filter) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(planner.candidates(filter));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A cheap upper bound on the number of points matching {@code filter}, for planning (e.g. exact
     * scan of the candidates versus a filtered graph search). Never above {@code totalPoints};
     * equal to it when the indexes cannot tell. {@code has_id} lists bound it by their size.
     */
    public long estimate(Filter filter, long totalPoints) {
        lock.readLock().lock();
        try {
            return planner.estimate(filter, totalPoints);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * How many points the tenant named by {@code filter} holds (a {@code must} match on an
     * {@code is_tenant} index), or -1 when it names none. Exact: the tenant value's posting size.
     */
    public long tenantCardinality(Filter filter) {
        lock.readLock().lock();
        try {
            return planner.tenantCardinality(filter);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The order in which {@link #candidates} narrows by {@code filter}'s {@code must} conditions (the planner's choice). */
    List<Condition> narrowingOrder(Filter filter) {
        lock.readLock().lock();
        try {
            return planner.leadingFirst(filter.must());
        } finally {
            lock.readLock().unlock();
        }
    }

    private static int isText(FieldIndex index) {
        return index instanceof TextIndex ? 1 : 0;
    }
}
