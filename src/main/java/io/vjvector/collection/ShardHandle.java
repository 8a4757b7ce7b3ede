package io.vjvector.collection;

import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.OrderBy;
import io.vjvector.engine.shard.PayloadUpdate;
import io.vjvector.engine.shard.PointSample;
import io.vjvector.engine.shard.VectorSelection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a collection needs of one shard, wherever it lives: this process's engine shard (a local
 * handle) or another node's (a remote handle). Every write returns the operation id it was applied
 * under; every read returns what the shard holds when it runs.
 */
public interface ShardHandle {

    /** The shard's number within its collection. */
    int shardId();

    /** Upserts points already routed to this shard. */
    long upsert(List<PointStruct> points);

    /** Deletes the selected points (absent ids are ignored). */
    long delete(PointSelector selector);

    /**
     * Applies a payload change to the selected points.
     *
     * @throws io.vjvector.error.VJVectorException NOT_FOUND when an explicitly selected id is absent
     */
    long updatePayload(PointSelector selector, PayloadUpdate update);

    /**
     * Sets some vectors of existing points routed to this shard, keeping their other vectors.
     *
     * @throws io.vjvector.error.VJVectorException NOT_FOUND when a point is absent (nothing changes then)
     */
    long updateVectors(List<PointVectors> points);

    /**
     * Removes the named vectors from the selected points.
     *
     * @throws io.vjvector.error.VJVectorException NOT_FOUND when an explicitly selected id is absent
     */
    long deleteVectors(PointSelector selector, Set<String> names);

    /** Adds vector field {@code name}; existing points lack it. */
    void addVectorField(String name, io.vjvector.engine.shard.VectorFieldSpec spec);

    /** Drops vector field {@code name} and every point's value in it. */
    void dropVectorField(String name);

    long createFieldIndex(String key, PayloadFieldSchema schema);

    long deleteFieldIndex(String key);

    /** This shard's top {@code k} for {@code request} (its limit and offset are ignored), best first. */
    List<ScoredPoint> search(SearchRequest request, int k);

    /** Up to {@code request.limit()} points in id order from {@code request.offset()} inclusive. */
    List<PointRecord> scroll(ScrollRequest request);

    /** The points among {@code ids} held here, in the order asked. */
    List<PointRecord> retrieve(List<PointId> ids, WithPayload withPayload, VectorSelection withVector);

    long count(Filter filter);

    /** See {@link io.vjvector.engine.shard.Shard#sparseStatistics}. */
    long[] sparseStatistics(String using, int[] indices);

    /**
     * Upserts points already routed to this shard, Qdrant's conditional way: an existing point is
     * replaced only if it matches {@code updateFilter}; new ids are inserted.
     */
    long upsert(List<PointStruct> points, Filter updateFilter);

    /**
     * How many points matching {@code filter} hold each value of the indexed field {@code key}.
     *
     * @throws io.vjvector.error.VJVectorException BAD_REQUEST when {@code key} has no keyword,
     *                                             integer or bool index
     */
    Map<Object, Long> facetCounts(String key, Filter filter);

    /** This shard's first {@code limit} points matching {@code filter} in {@code order}. */
    List<OrderedRecord> scrollOrdered(Filter filter, OrderBy order, int limit, WithPayload withPayload,
                                      boolean withVector);

    /** This shard's first {@code n} points matching {@code filter} in {@link PointSample#ORDER}, with vectors. */
    List<PointRecord> sample(Filter filter, int n);

    ShardStats stats();

    /** Applies changed collection settings (search defaults; index settings for future inserts). */
    void configure(CollectionParams params);
}
