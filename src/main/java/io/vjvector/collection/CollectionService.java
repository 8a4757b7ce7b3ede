package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.FacetHit;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Every collection operation, for every role: the REST resources call only this. An implementation
 * reaches each shard through a shard handle (local in standalone). Failures are
 * {@link io.vjvector.error.VJVectorException}s: NOT_FOUND for a missing collection, CONFLICT for
 * an existing one, BAD_REQUEST for input the engine rejects (e.g. a vector of the wrong size).
 * A write returns once it is applied and visible to searches.
 *
 * <p>Wherever an operation takes a collection {@code name}, an alias of the collection may stand
 * for it, except in {@link #create} and {@link #delete}.
 */
public interface CollectionService {

    void create(String name, CollectionParams params);

    /** Returns whether a collection was deleted. */
    boolean delete(String name);

    CollectionInfo info(String name);

    /**
     * Adds vector field {@code vectorName} to a collection (Qdrant's create vector name): dense
     * ({@code dense} non-null) or sparse; existing points lack it.
     *
     * @throws io.vjvector.error.VJVectorException BAD_REQUEST when the name exists or the params are invalid
     */
    UpdateResult addVector(String name, String vectorName, VectorsConfig.DenseVector dense,
                           VectorsConfig.SparseVector sparse);

    /**
     * Drops vector field {@code vectorName} and every point's value in it.
     *
     * @throws io.vjvector.error.VJVectorException NOT_FOUND for an unknown name, BAD_REQUEST for the last vector
     */
    UpdateResult deleteVector(String name, String vectorName);

    /** The collection's settings, without asking its shards anything (unlike {@link #info}). */
    CollectionParams params(String name);

    /** Sets some vectors of existing points; see {@link ShardedCollection#updateVectors}. */
    UpdateResult updateVectors(String name, List<PointVectors> points);

    /** Removes named vectors from points; see {@link ShardedCollection#deleteVectors}. */
    UpdateResult deleteVectors(String name, PointSelector selector, java.util.Set<String> vectorNames);

    List<String> list();

    boolean exists(String name);

    void update(String name, CollectionParamsUpdate update);

    UpdateResult upsert(String name, List<PointStruct> points);

    UpdateResult deletePoints(String name, PointSelector selector);

    /** Points that exist among {@code ids}, in the order asked; missing ids are skipped. */
    List<PointRecord> retrieve(String name, List<PointId> ids, WithPayload withPayload,
                               io.vjvector.engine.shard.VectorSelection withVector);

    /** {@link #retrieve(String, List, WithPayload, io.vjvector.engine.shard.VectorSelection)} with all vectors or none. */
    default List<PointRecord> retrieve(String name, List<PointId> ids, WithPayload withPayload, boolean withVector) {
        return retrieve(name, ids, withPayload, io.vjvector.engine.shard.VectorSelection.of(withVector));
    }

    /** Merges {@code payload} into the selected points' payloads (at {@code key}, a nested path, if non-null). */
    UpdateResult setPayload(String name, ObjectNode payload, PointSelector selector, String key);

    UpdateResult overwritePayload(String name, ObjectNode payload, PointSelector selector);

    UpdateResult deletePayload(String name, List<String> keys, PointSelector selector);

    UpdateResult clearPayload(String name, PointSelector selector);

    List<ScoredPoint> search(String name, SearchRequest request);

    List<ScoredPoint> recommend(String name, RecommendRequest request);

    ScrollResult scroll(String name, ScrollRequest request);

    /** Exact number of points matching {@code filter} (null = all). */
    long count(String name, Filter filter);

    UpdateResult createFieldIndex(String name, String key, PayloadFieldSchema schema);

    /** {@link #createFieldIndex(String, String, PayloadFieldSchema)} for a bare type name. */
    default UpdateResult createFieldIndex(String name, String key, PayloadSchemaType type) {
        return createFieldIndex(name, key, type == null ? null : PayloadFieldSchema.of(type));
    }

    /**
     * Qdrant's conditional upsert: with a non-null {@code updateFilter}, an existing point is
     * replaced only if it matches the filter; new ids are always inserted.
     */
    UpdateResult upsert(String name, List<PointStruct> points, Filter updateFilter);

    /**
     * The {@code limit} most frequent values of the indexed payload field {@code key} among the
     * points matching {@code filter}, with their point counts (Qdrant's facet).
     *
     * @throws io.vjvector.error.VJVectorException BAD_REQUEST when {@code key} has no keyword,
     *                                             integer or bool index
     */
    List<FacetHit> facet(String name, String key, Filter filter, int limit);

    /**
     * One page of points in the order of a payload field's values (scroll with {@code order_by}).
     *
     * @throws io.vjvector.error.VJVectorException BAD_REQUEST when the field has no integer,
     *                                             float or datetime index
     */
    List<OrderedRecord> scrollOrdered(String name, OrderedScrollRequest request);

    /** Search results grouped by a payload field; each group's lookup point is added when asked for. */
    List<PointGroup> searchGroups(String name, SearchRequest request, GroupRequest groups);

    /** Recommendations grouped by a payload field; each group's lookup point is added when asked for. */
    List<PointGroup> recommendGroups(String name, RecommendRequest request, GroupRequest groups);

    /**
     * Qdrant's query groups: the points of any query, grouped by a payload field as
     * {@link #searchGroups} groups them, each group's lookup point added when asked for.
     *
     * @param request the query's own options (its filter, threshold and projection)
     * @param search  runs the query for the options it is given (a limit, a filter narrowing
     *                the query's to points with a value to group by, the whole payload)
     */
    default List<PointGroup> queryGroups(SearchOptions request, GroupRequest groups,
                                         java.util.function.Function<SearchOptions, List<ScoredPoint>> search) {
        return GroupLookup.add(GroupedSearch.run(request, groups, search), groups.lookup(), this::retrieve);
    }

    /**
     * Applies writes in order, each as its own operation (not atomically: a failing write leaves
     * the earlier ones applied, as in Qdrant), and returns one result per write.
     */
    default List<UpdateResult> update(String name, List<PointsUpdate> updates) {
        List<UpdateResult> results = new ArrayList<>(updates.size());
        for (PointsUpdate u : updates) {
            results.add(apply(name, u));
        }
        return results;
    }

    private UpdateResult apply(String name, PointsUpdate u) {
        if (u instanceof PointsUpdate.Upsert w) {
            return w.updateFilter() == null ? upsert(name, w.points()) : upsert(name, w.points(), w.updateFilter());
        } else if (u instanceof PointsUpdate.Delete w) {
            return deletePoints(name, w.selector());
        } else if (u instanceof PointsUpdate.SetPayload w) {
            return setPayload(name, w.payload(), w.selector(), w.key());
        } else if (u instanceof PointsUpdate.OverwritePayload w) {
            return overwritePayload(name, w.payload(), w.selector());
        } else if (u instanceof PointsUpdate.DeletePayload w) {
            return deletePayload(name, w.keys(), w.selector());
        } else if (u instanceof PointsUpdate.ClearPayload w) {
            return clearPayload(name, w.selector());
        } else if (u instanceof PointsUpdate.UpdateVectors w) {
            return updateVectors(name, w.points());
        } else if (u instanceof PointsUpdate.DeleteVectors w) {
            return deleteVectors(name, w.selector(), w.names());
        }
        throw new IllegalArgumentException("unknown update " + u);
    }

    /** Qdrant's distance matrix over a sample of the points matching {@code filter}. */
    DistanceMatrix searchMatrix(String name, Filter filter, int sample, int limit);

    UpdateResult deleteFieldIndex(String name, String key);

    /**
     * Applies alias actions in order, all or none (see {@link AliasAction}).
     *
     * @throws io.vjvector.error.VJVectorException naming the failing action's field
     *                                             ({@code actions[i].create_alias.collection_name})
     */
    void updateAliases(List<AliasAction> actions);

    /** Every alias and the collection it names, by alias name. */
    Map<String, String> aliases();

    /** The aliases of a collection (or of the collection an alias names), by alias name; NOT_FOUND if there is none. */
    Map<String, String> aliases(String collection);

    /**
     * Completes once every collection present at start-up is loaded or has failed to load; until
     * then the ones still loading answer UNAVAILABLE.
     */
    /**
     * Whether reads are answered by shards in this process (a standalone node), so that a short
     * one may run on the event loop; false where they call other nodes (a gateway), which must
     * never happen on an event loop.
     */
    default boolean readsInProcess() {
        return false;
    }

    default CompletionStage<Void> loaded() {
        return CompletableFuture.completedFuture(null);
    }

    /** Collections that cannot serve because they failed to load, with the reason (they answer UNAVAILABLE). */
    default Map<String, String> failedCollections() {
        return Map.of();
    }
}
