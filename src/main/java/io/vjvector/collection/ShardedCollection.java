package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.Condition;
import io.vjvector.engine.filter.FacetHit;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.index.VectorValue;
import io.vjvector.engine.index.sparse.SparseIndex;
import io.vjvector.engine.index.sparse.SparseVector;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.PayloadUpdate;
import io.vjvector.engine.shard.PointSample;
import io.vjvector.engine.shard.VectorFieldSpec;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.engine.shard.VectorValidator;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * One collection spread over shards reached through {@link ShardHandle}s: routes writes by point
 * id, fans reads out to every shard and merges. The same code serves local and remote shards.
 *
 * <p>A write touching several shards is applied shard by shard (not atomically across shards,
 * as in Qdrant) and reports the highest operation id it got.
 *
 * <p>Requests are checked against the collection's strict mode ({@link StrictModeChecks}) before
 * any shard sees them, so every role refuses the same requests.
 */
public final class ShardedCollection {

    private final String name;
    private final List<ShardHandle> shards;
    private final ShardRouter router;
    private final Executor fanOut;
    /**
     * Writes hold the read side for their whole multi-shard application; {@link #withWritesPaused}
     * holds the write side, so it sees each write on all its shards or on none.
     */
    private final ReadWriteLock writeGate = new ReentrantReadWriteLock();
    private volatile CollectionParams params;
    /** The shards' vector fields for {@link #params}, derived once per change: writes and searches validate against them. */
    private volatile Map<String, VectorFieldSpec> fields;

    /**
     * @param fanOut runs the per-shard parts of a read: a direct executor ({@code Runnable::run})
     *               queries shards one after another on the caller's thread, which suits shards
     *               of this process (requests already run in parallel and the hand-off would cost
     *               more than it saves); remote shards want a pool so their latencies overlap
     */
    public ShardedCollection(String name, CollectionParams params, List<ShardHandle> shards, Executor fanOut) {
        if (shards.size() != params.shardNumber()) {
            throw new IllegalArgumentException("expected " + params.shardNumber() + " shards, got " + shards.size());
        }
        for (int i = 0; i < shards.size(); i++) {
            if (shards.get(i).shardId() != i) {
                throw new IllegalArgumentException("shard at position " + i + " has id " + shards.get(i).shardId());
            }
        }
        this.name = name;
        setParams(params);
        this.shards = List.copyOf(shards);
        this.router = new ShardRouter(shards.size());
        this.fanOut = fanOut;
    }

    private void setParams(CollectionParams next) {
        fields = VectorFields.of(next);
        params = next;
    }

    public String name() {
        return name;
    }

    public CollectionParams params() {
        return params;
    }

    /**
     * Runs {@code work} while no write is being applied to any shard and none can start: it sees
     * every write that returned before it started, none that starts after, and each write whole
     * (all of its shards or none), i.e. a consistent prefix of the collection's writes. Reads go
     * on meanwhile; writes wait, so keep {@code work} short. For snapshots.
     */
    public <T> T withWritesPaused(Supplier<T> work) {
        writeGate.writeLock().lock();
        try {
            return work.get();
        } finally {
            writeGate.writeLock().unlock();
        }
    }

    public CollectionInfo info() {
        long points = 0;
        long indexed = 0;
        long stored = 0;
        boolean optimizing = false;
        Map<String, CollectionInfo.PayloadFieldInfo> schema = new TreeMap<>();
        for (ShardStats s : onEveryShard(ShardHandle::stats)) {
            points += s.points();
            indexed += s.indexedVectors();
            stored += s.storedVectors();
            optimizing |= s.optimizing();
            s.payloadSchema().forEach((key, field) -> schema.merge(key, field,
                    (a, b) -> new CollectionInfo.PayloadFieldInfo(a.schema(), a.points() + b.points())));
        }
        return new CollectionInfo(name, params, points, indexed, shards.size(), schema, stored, optimizing);
    }

    /**
     * Adds a vector field (Qdrant's create vector name) to the settings and to every shard;
     * existing points lack it until their vectors are updated.
     *
     * @param next the settings with the field
     */
    public synchronized void addVectorField(String vectorName, CollectionParams next) {
        VectorFieldSpec spec = VectorFields.of(next).get(vectorName);
        for (ShardHandle shard : shards) {
            shard.addVectorField(vectorName, spec);
        }
        setParams(next);
    }

    /**
     * Drops a vector field (Qdrant's delete vector name): the settings first, so that no new write
     * carries it, then every shard's values.
     *
     * @param next the settings without the field
     */
    public synchronized void dropVectorField(String vectorName, CollectionParams next) {
        setParams(next);
        writeGate.writeLock().lock();
        try {
            for (ShardHandle shard : shards) {
                shard.dropVectorField(vectorName);
            }
        } finally {
            writeGate.writeLock().unlock();
        }
    }

    /** An operation that changes no point (a schema change's place in the operation order). */
    public UpdateResult noOperation() {
        return applyToShards(Set.of(), shard -> -1);
    }

    /**
     * Puts changed settings in force (computed by {@link CollectionChanges}; same vector fields):
     * search defaults at once; changed index settings (m, ef_construct) apply to future graph
     * inserts at once and to the existing points when the optimizer rebuilds the shards.
     */
    public synchronized void configure(CollectionParams next) {
        for (ShardHandle shard : shards) {
            shard.configure(next);
        }
        setParams(next);
    }

    private StrictModeConfig strictMode() {
        return params.settings().effectiveStrictMode();
    }

    /** Indexed payload keys and their types, for the strict mode's index checks. */
    private Map<String, PayloadSchemaType> indexedFields() {
        Map<String, PayloadSchemaType> indexed = new HashMap<>();
        for (ShardStats s : onEveryShard(ShardHandle::stats)) {
            s.payloadSchema().forEach((key, field) -> indexed.putIfAbsent(key, field.type()));
        }
        return indexed;
    }

    public UpdateResult upsert(List<PointStruct> points) {
        return upsert(points, null);
    }

    /**
     * Upserts points; with an {@code updateFilter} (Qdrant's conditional upsert) an existing point
     * is replaced only if it matches the filter, while new ids are always inserted.
     */
    public UpdateResult upsert(List<PointStruct> points, Filter updateFilter) {
        StrictModeChecks.upsert(strictMode(), points.size(), () -> countPoints(null),
                () -> info().storedVectorsCount() * params.vectorSize() * Float.BYTES);
        Map<String, VectorFieldSpec> fields = this.fields;
        for (int i = 0; i < points.size(); i++) {
            VectorValidator.check(points.get(i).vectors(), fields, "points[" + i + "].vector");
        }
        Map<Integer, List<PointStruct>> byShard = new TreeMap<>();
        for (PointStruct p : points) {
            byShard.computeIfAbsent(router.shardOf(p.id()), s -> new ArrayList<>()).add(p);
        }
        return applyToShards(byShard.keySet(), shard -> updateFilter == null
                ? shard.upsert(byShard.get(shard.shardId()))
                : shard.upsert(byShard.get(shard.shardId()), updateFilter));
    }

    public UpdateResult deletePoints(PointSelector selector) {
        requireOneOf(selector);
        StrictModeChecks.filteredWrite(strictMode(), selector, this::indexedFields);
        if (selector.ids() == null) {
            return applyToShards(allShardIds(), shard -> shard.delete(selector));
        }
        Map<Integer, List<PointId>> byShard = groupIds(selector.ids());
        return applyToShards(byShard.keySet(), shard -> shard.delete(PointSelector.ids(byShard.get(shard.shardId()))));
    }

    /** @throws VJVectorException NOT_FOUND when a selected id does not exist (nothing is changed then) */
    public UpdateResult updatePayload(PointSelector selector, PayloadUpdate update) {
        requireOneOf(selector);
        StrictModeChecks.filteredWrite(strictMode(), selector, this::indexedFields);
        if (selector.ids() == null) {
            return applyToShards(allShardIds(), shard -> shard.updatePayload(selector, update));
        }
        requireAll(selector.ids());
        Map<Integer, List<PointId>> byShard = groupIds(selector.ids());
        return applyToShards(byShard.keySet(),
                shard -> shard.updatePayload(PointSelector.ids(byShard.get(shard.shardId())), update));
    }

    /**
     * Sets some vectors of existing points (Qdrant's update vectors).
     *
     * @throws VJVectorException NOT_FOUND when a point does not exist, BAD_REQUEST for a vector that
     *                           does not fit its field (nothing is changed then)
     */
    public UpdateResult updateVectors(List<PointVectors> points) {
        Map<String, VectorFieldSpec> fields = this.fields;
        List<PointId> ids = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            VectorValidator.check(points.get(i).vectors(), fields, "points[" + i + "].vector");
            ids.add(points.get(i).id());
        }
        requireAll(ids);
        Map<Integer, List<PointVectors>> byShard = new TreeMap<>();
        for (PointVectors p : points) {
            byShard.computeIfAbsent(router.shardOf(p.id()), s -> new ArrayList<>()).add(p);
        }
        return applyToShards(byShard.keySet(), shard -> shard.updateVectors(byShard.get(shard.shardId())));
    }

    /**
     * Removes the named vectors from the selected points (Qdrant's delete vectors).
     *
     * @throws VJVectorException BAD_REQUEST for a name that is not a vector of the collection,
     *                           NOT_FOUND for an absent id (nothing is changed then)
     */
    public UpdateResult deleteVectors(PointSelector selector, Set<String> names) {
        requireOneOf(selector);
        for (String name : names) {
            if (!params.vectors().has(name)) {
                throw VJVectorException.badRequest("vector", "Wrong input: Not existing vector name error: " + name);
            }
        }
        if (selector.ids() == null) {
            return applyToShards(allShardIds(), shard -> shard.deleteVectors(selector, names));
        }
        requireAll(selector.ids());
        Map<Integer, List<PointId>> byShard = groupIds(selector.ids());
        return applyToShards(byShard.keySet(),
                shard -> shard.deleteVectors(PointSelector.ids(byShard.get(shard.shardId())), names));
    }

    /**
     * @throws VJVectorException BAD_REQUEST naming {@code field_name} or {@code field_schema}
     *                           before any shard is asked
     */
    public UpdateResult createFieldIndex(String key, PayloadFieldSchema schema) {
        PayloadPaths.parse(key, "field_name");
        if (schema == null) {
            throw VJVectorException.badRequest("field_schema", "field_schema is required");
        }
        return applyToShards(allShardIds(), shard -> shard.createFieldIndex(key, schema));
    }

    /** Qdrant's set payload: merges {@code payload} into the selected points (at {@code key}, a JSON path, when given). */
    public UpdateResult setPayload(PointSelector selector, ObjectNode payload, String key) {
        JsonPath path = key == null ? null : PayloadPaths.parse(key, "key");
        return updatePayload(selector, new PayloadUpdate.Set(payload, path));
    }

    /** Qdrant's delete payload: removes the {@code keys} (JSON paths) from the selected points. */
    public UpdateResult deletePayload(PointSelector selector, List<String> keys) {
        List<JsonPath> paths = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            paths.add(PayloadPaths.parse(keys.get(i), "keys[" + i + "]"));
        }
        return updatePayload(selector, new PayloadUpdate.DeleteKeys(paths));
    }

    public UpdateResult deleteFieldIndex(String key) {
        return applyToShards(allShardIds(), shard -> shard.deleteFieldIndex(key));
    }

    /** A selector with neither ids nor filter must not fall through to "every point". */
    private static void requireOneOf(PointSelector selector) {
        if (selector == null || (selector.ids() == null) == (selector.filter() == null)) {
            throw VJVectorException.badRequest("points", "exactly one of points or filter is required");
        }
    }

    private Set<Integer> allShardIds() {
        Set<Integer> all = new LinkedHashSet<>();
        for (ShardHandle s : shards) {
            all.add(s.shardId());
        }
        return all;
    }

    private UpdateResult applyToShards(Set<Integer> shardIds, ToLongFunction<ShardHandle> write) {
        writeGate.readLock().lock();
        try {
            return applyEach(shardIds, write);
        } finally {
            writeGate.readLock().unlock();
        }
    }

    private UpdateResult applyEach(Set<Integer> shardIds, ToLongFunction<ShardHandle> write) {
        long op = -1;
        for (int id : shardIds) {
            op = Math.max(op, write.applyAsLong(shards.get(id)));
        }
        if (op < 0) {
            // An empty batch is still an operation (Qdrant answers it with an id): record it on
            // shard 0 as a no-op delete, which keeps ids increasing without a second id source.
            op = shards.get(0).delete(PointSelector.ids(List.of()));
        }
        return new UpdateResult(op);
    }

    private Map<Integer, List<PointId>> groupIds(List<PointId> ids) {
        Map<Integer, List<PointId>> byShard = new TreeMap<>();
        for (PointId id : ids) {
            byShard.computeIfAbsent(router.shardOf(id), s -> new ArrayList<>()).add(id);
        }
        return byShard;
    }

    private void requireAll(List<PointId> ids) {
        Set<PointId> found = new HashSet<>();
        for (PointRecord r : retrieve(ids, WithPayload.NONE, false)) {
            found.add(r.id());
        }
        for (PointId id : ids) {
            if (!found.contains(id)) {
                throw VJVectorException.notFound("No point with id " + id + " found");
            }
        }
    }

    /** Points that exist among {@code ids}, in the order asked; absent and repeated ids are skipped. */
    public List<PointRecord> retrieve(List<PointId> ids, WithPayload withPayload, boolean withVector) {
        return retrieve(ids, withPayload, VectorSelection.of(withVector));
    }

    /** Points that exist among {@code ids}, in the order asked; absent and repeated ids are skipped. */
    public List<PointRecord> retrieve(List<PointId> ids, WithPayload withPayload, VectorSelection withVector) {
        Map<PointId, PointRecord> found = new HashMap<>();
        groupIds(ids).forEach((shardId, shardIds) -> {
            for (PointRecord r : shards.get(shardId).retrieve(shardIds, withPayload, withVector)) {
                found.put(r.id(), r);
            }
        });
        List<PointRecord> out = new ArrayList<>(found.size());
        for (PointId id : new LinkedHashSet<>(ids)) {
            PointRecord r = found.get(id);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    public List<ScoredPoint> search(SearchRequest request) {
        StrictModeChecks.search(strictMode(), request.options(), this::indexedFields);
        VectorValidator.checkQuery(request.using(), request.query(), fields);
        return fanOutSearch(withIdf(request), Set.of());
    }

    private List<ScoredPoint> fanOutSearch(SearchRequest request, Set<PointId> excluded) {
        SearchOptions options = request.options();
        pageBounds(options.limit(), options.offset());
        if (options.limit() == 0) {
            return List.of();
        }
        // Every shard may hold the whole page; shards bound k by their own size.
        int perShard = (int) Math.min(Integer.MAX_VALUE, (long) options.offset() + options.limit() + excluded.size());
        return merger(request.using()).merge(onEveryShard(shard -> shard.search(request, perShard)),
                options.offset(), options.limit(), excluded);
    }

    /**
     * A sparse query on a field with Qdrant's IDF modifier, its values multiplied by each
     * dimension's IDF over the whole collection (every shard's counts summed), so that scores from
     * different shards compare; any other request unchanged.
     */
    private SearchRequest withIdf(SearchRequest request) {
        VectorsConfig.SparseVector field = params.vectors().sparse().get(request.using());
        if (field == null || !field.idf() || !(request.query() instanceof VectorValue.Sparse sparse)) {
            return request;
        }
        int[] indices = sparse.vector().indices();
        long[] totals = new long[indices.length + 1];
        for (long[] stats : onEveryShard(shard -> shard.sparseStatistics(request.using(), indices))) {
            for (int i = 0; i < totals.length; i++) {
                totals[i] += stats[i];
            }
        }
        float[] weighted = sparse.vector().values().clone();
        for (int i = 0; i < indices.length; i++) {
            weighted[i] *= SparseIndex.idf(totals[0], totals[i + 1]);
        }
        return new SearchRequest(request.using(),
                new VectorValue.Sparse(SparseVector.of(indices, weighted)), request.options());
    }

    /** Orders hits of field {@code using}: by its distance's direction; sparse scores are higher-better. */
    public TopKMerger merger(String using) {
        VectorsConfig.DenseVector dense = params.vectors().dense().get(using);
        return new TopKMerger(dense != null ? dense.distance() : Distance.DOT);
    }

    private static void pageBounds(int limit, int offset) {
        if (limit < 0) {
            throw VJVectorException.badRequest("limit", "limit must not be negative");
        }
        if (offset < 0) {
            throw VJVectorException.badRequest("offset", "offset must not be negative");
        }
    }

    /**
     * Qdrant's recommend, {@code average_vector} strategy: example ids are looked up (an absent
     * one is NOT_FOUND, as in Qdrant) and never returned.
     */
    public List<ScoredPoint> recommend(RecommendRequest r) {
        StrictModeChecks.search(strictMode(), r.options(), this::indexedFields);
        RecommendQuery query = recommendQuery(r);
        return fanOutSearch(new SearchRequest(r.using(), new VectorValue.Dense(query.vector()), r.options()),
                query.excluded());
    }

    /** A recommendation's query vector and the example ids it must not return. */
    private record RecommendQuery(float[] vector, Set<PointId> excluded) {
    }

    private RecommendQuery recommendQuery(RecommendRequest r) {
        List<PointId> positiveIds = r.positiveIds() == null ? List.of() : r.positiveIds();
        List<PointId> negativeIds = r.negativeIds() == null ? List.of() : r.negativeIds();
        List<float[]> positives = examples(positiveIds, r.positiveVectors(), "positive", r.using());
        List<float[]> negatives = examples(negativeIds, r.negativeVectors(), "negative", r.using());
        if (positives.isEmpty()) {
            throw VJVectorException.badRequest("positive", "At least one positive example is required");
        }
        Set<PointId> excluded = new HashSet<>(positiveIds);
        excluded.addAll(negativeIds);
        return new RecommendQuery(AverageVector.query(positives, negatives), excluded);
    }

    private List<float[]> examples(List<PointId> ids, List<float[]> raw, String field, String using) {
        VectorsConfig.DenseVector dense = params.vectors().dense().get(using);
        if (dense == null) {
            throw VJVectorException.badRequest("using", "Wrong input: Not existing vector name error: " + using);
        }
        List<float[]> out = new ArrayList<>();
        Map<PointId, float[]> stored = new HashMap<>();
        for (PointRecord rec : retrieve(ids, WithPayload.NONE, VectorSelection.names(Set.of(using)))) {
            float[] v = NamedVectors.dense(rec.vectors(), using);
            if (v == null) {
                throw VJVectorException.badRequest(field, "point " + rec.id() + " has no vector '" + using + "'");
            }
            stored.put(rec.id(), v);
        }
        for (PointId id : ids) {
            float[] v = stored.get(id);
            if (v == null) {
                throw VJVectorException.notFound("No point with id " + id + " found");
            }
            out.add(v);
        }
        if (raw != null) {
            for (int i = 0; i < raw.size(); i++) {
                VectorValidator.check(raw.get(i), dense.size(), field + "[" + i + "]");
                out.add(raw.get(i));
            }
        }
        return out;
    }

    /** One page in id order; {@code nextPageOffset} is the id the next page starts at, or null. */
    public ScrollResult scroll(ScrollRequest request) {
        StrictModeChecks.scroll(strictMode(), request, this::indexedFields);
        pageBounds(request.limit(), 0);
        int limit = request.limit();
        // One extra point per shard tells whether (and where) a next page starts.
        ScrollRequest perShard = new ScrollRequest(request.filter(), (int) Math.min(Integer.MAX_VALUE, limit + 1L), request.offset(),
                request.withPayload(), request.withVector());
        List<PointRecord> all = new ArrayList<>();
        onEveryShard(shard -> shard.scroll(perShard)).forEach(all::addAll);
        all.sort((a, b) -> a.id().compareTo(b.id()));
        if (all.size() <= limit) {
            return new ScrollResult(all, null);
        }
        return new ScrollResult(new ArrayList<>(all.subList(0, limit)), all.get(limit).id());
    }

    public long count(Filter filter) {
        StrictModeChecks.count(strictMode(), filter, this::indexedFields);
        return countPoints(filter);
    }

    private long countPoints(Filter filter) {
        long total = 0;
        for (long n : onEveryShard(shard -> shard.count(filter))) {
            total += n;
        }
        return total;
    }

    /**
     * How many points matching {@code filter} hold each value of the indexed field {@code key},
     * the {@code limit} most frequent values in {@link FacetHit#ORDER}.
     *
     * @throws VJVectorException BAD_REQUEST when {@code key} has no keyword, integer or bool index
     */
    public List<FacetHit> facet(String key, Filter filter, int limit) {
        pageBounds(limit, 0);
        Map<Object, Long> total = new HashMap<>();
        for (Map<Object, Long> counts : onEveryShard(shard -> shard.facetCounts(key, filter))) {
            counts.forEach((value, n) -> total.merge(value, n, Long::sum));
        }
        List<FacetHit> hits = new ArrayList<>(total.size());
        total.forEach((value, n) -> hits.add(new FacetHit(value, n)));
        hits.sort(FacetHit.ORDER);
        return hits.size() <= limit ? hits : new ArrayList<>(hits.subList(0, limit));
    }

    /** One page of points in payload-value order (see {@link OrderedScrollRequest}). */
    public List<OrderedRecord> scrollOrdered(OrderedScrollRequest request) {
        pageBounds(request.limit(), 0);
        List<OrderedRecord> all = new ArrayList<>();
        onEveryShard(shard -> shard.scrollOrdered(request.filter(), request.orderBy(), request.limit(),
                request.withPayload(), request.withVector())).forEach(all::addAll);
        // The shards' order (OrderedPoint#order): (value, id) ascending, or both descending.
        Comparator<OrderedRecord> ascending = Comparator.comparingDouble(OrderedRecord::key)
                .thenComparing(r -> r.record().id());
        all.sort(request.orderBy().descending() ? ascending.reversed() : ascending);
        return all.size() <= request.limit() ? all : new ArrayList<>(all.subList(0, request.limit()));
    }

    /** Qdrant's search groups for a search (see {@link GroupedSearch}); lookups are the caller's. */
    public List<PointGroup> searchGroups(SearchRequest request, GroupRequest groups) {
        VectorValidator.checkQuery(request.using(), request.query(), fields);
        SearchRequest weighted = withIdf(request);
        return GroupedSearch.run(request.options(), groups, options -> fanOutSearch(
                new SearchRequest(weighted.using(), weighted.query(), options), Set.of()));
    }

    /** Qdrant's recommend groups: {@link #recommend}'s query, grouped as {@link #searchGroups}. */
    public List<PointGroup> recommendGroups(RecommendRequest r, GroupRequest groups) {
        RecommendQuery query = recommendQuery(r);
        return GroupedSearch.run(r.options(), groups,
                options -> fanOutSearch(new SearchRequest(r.using(), new VectorValue.Dense(query.vector()), options),
                        query.excluded()));
    }

    /**
     * Qdrant's distance matrix: a reproducible pseudo-random sample of {@code sample} points
     * matching {@code filter} (see {@link PointSample}) and, for each, its {@code limit} nearest
     * other points of the sample by exact search. Fewer than two points give an empty matrix.
     */
    public DistanceMatrix searchMatrix(Filter filter, int sample, int limit) {
        List<PointRecord> sampled = new ArrayList<>();
        onEveryShard(shard -> shard.sample(filter, sample)).forEach(sampled::addAll);
        sampled.sort(Comparator.comparing(PointRecord::id, PointSample.ORDER));
        if (sampled.size() > sample) {
            sampled = new ArrayList<>(sampled.subList(0, sample));
        }
        if (sampled.size() < 2) {
            return DistanceMatrix.EMPTY;
        }
        sampled.sort(Comparator.comparing(PointRecord::id));
        List<PointId> ids = sampled.stream().map(PointRecord::id).toList();
        Filter inSample = Filter.of(List.of(new Condition.HasId(new HashSet<>(ids))), List.of(), List.of(), null);
        SearchOptions options = new SearchOptions(inSample, limit + 1, 0, null, null, true, WithPayload.NONE, false);
        List<List<ScoredPoint>> nearest = new ArrayList<>(ids.size());
        for (PointRecord point : sampled) {
            List<ScoredPoint> hits = new ArrayList<>(fanOutSearch(options.search(point.vector()), Set.of()));
            // The point finds itself (unless ties push it out): drop it, keep at most limit.
            hits.removeIf(h -> h.id().equals(point.id()));
            nearest.add(hits.size() > limit ? hits.subList(0, limit) : hits);
        }
        return new DistanceMatrix(ids, nearest);
    }

    /**
     * Runs a read on every shard through the fan-out executor and returns the answers in shard
     * order. A failure of any shard is rethrown as it was thrown (the first one, by shard order).
     */
    private <T> List<T> onEveryShard(Function<ShardHandle, T> read) {
        List<CompletableFuture<T>> pending = new ArrayList<>(shards.size());
        for (ShardHandle shard : shards) {
            pending.add(CompletableFuture.supplyAsync(() -> read.apply(shard), fanOut));
        }
        List<T> answers = new ArrayList<>(shards.size());
        for (CompletableFuture<T> p : pending) {
            try {
                answers.add(p.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        return answers;
    }
}
