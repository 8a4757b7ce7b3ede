package io.vjvector.collection;

import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.PayloadUpdate;
import java.util.List;

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

    long createFieldIndex(String key, PayloadFieldSchema schema);

    long deleteFieldIndex(String key);

    /** This shard's top {@code k} for {@code request} (its limit and offset are ignored), best first. */
    List<ScoredPoint> search(SearchRequest request, int k);

    /** Up to {@code request.limit()} points in id order from {@code request.offset()} inclusive. */
    List<PointRecord> scroll(ScrollRequest request);

    /** The points among {@code ids} held here, in the order asked. */
    List<PointRecord> retrieve(List<PointId> ids, WithPayload withPayload, boolean withVector);

    long count(Filter filter);

    ShardStats stats();

    /** Applies changed collection settings (search defaults; index settings for future inserts). */
    void configure(CollectionParams params);
}
