package io.vjvector.collection;

import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.FieldIndexInfo;
import io.vjvector.engine.shard.OrderBy;
import io.vjvector.engine.shard.OrderedPoint;
import io.vjvector.engine.shard.PayloadUpdate;
import io.vjvector.engine.shard.PointWrite;
import io.vjvector.engine.shard.ScoredHit;
import io.vjvector.engine.shard.SearchDefaults;
import io.vjvector.engine.shard.Shard;
import io.vjvector.engine.shard.ShardSearch;
import io.vjvector.engine.shard.StoredPoint;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.engine.shard.VectorsUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A shard of this process: translates the collection's records to the engine {@link Shard} and back. */
public final class LocalShardHandle implements ShardHandle {

    private final int shardId;
    private final Shard shard;

    public LocalShardHandle(int shardId, Shard shard) {
        this.shardId = shardId;
        this.shard = shard;
    }

    /** Search defaults a collection's settings imply: Qdrant's default {@code hnsw_ef} is {@code ef_construct}. */
    public static SearchDefaults searchDefaults(CollectionParams params) {
        return new SearchDefaults(params.fullScanThreshold(), params.efConstruct(), params.m());
    }

    @Override
    public int shardId() {
        return shardId;
    }

    @Override
    public long upsert(List<PointStruct> points) {
        return shard.upsert(writes(points));
    }

    private static List<PointWrite> writes(List<PointStruct> points) {
        List<PointWrite> writes = new ArrayList<>(points.size());
        for (PointStruct p : points) {
            writes.add(new PointWrite(p.id(), p.vectors(), p.payload()));
        }
        return writes;
    }

    @Override
    public long delete(PointSelector selector) {
        return selector.ids() != null ? shard.delete(selector.ids()) : shard.delete(selector.filter());
    }

    @Override
    public long updatePayload(PointSelector selector, PayloadUpdate update) {
        return selector.ids() != null
                ? shard.updatePayload(selector.ids(), update)
                : shard.updatePayload(selector.filter(), update);
    }

    @Override
    public void addVectorField(String name, io.vjvector.engine.shard.VectorFieldSpec spec) {
        shard.addVectorField(name, spec);
    }

    @Override
    public void dropVectorField(String name) {
        shard.dropVectorField(name);
    }

    @Override
    public long updateVectors(List<PointVectors> points) {
        List<VectorsUpdate> updates = new ArrayList<>(points.size());
        for (PointVectors p : points) {
            updates.add(new VectorsUpdate(p.id(), p.vectors()));
        }
        return shard.updateVectors(updates);
    }

    @Override
    public long deleteVectors(PointSelector selector, Set<String> names) {
        return selector.ids() != null
                ? shard.deleteVectors(selector.ids(), names)
                : shard.deleteVectors(selector.filter(), names);
    }

    @Override
    public long createFieldIndex(String key, PayloadFieldSchema schema) {
        return shard.createFieldIndex(key, schema);
    }

    @Override
    public long deleteFieldIndex(String key) {
        return shard.dropFieldIndex(key);
    }

    @Override
    public List<ScoredPoint> search(SearchRequest request, int k) {
        SearchOptions options = request.options();
        PayloadProjection projection = PayloadProjection.of(options.withPayload());
        List<ScoredHit> hits = shard.search(new ShardSearch(request.using(), request.query(), k, options.filter(),
                options.hnswEf(), options.exact(), options.scoreThreshold(), projection.wanted(), options.withVector(),
                options.quantization()));
        List<ScoredPoint> out = new ArrayList<>(hits.size());
        for (ScoredHit h : hits) {
            StoredPoint p = h.point();
            out.add(new ScoredPoint(p.id(), p.version(), h.score(),
                    projection.apply(p.payload()), p.vectors()));
        }
        return out;
    }

    @Override
    public List<PointRecord> scroll(ScrollRequest request) {
        PayloadProjection projection = PayloadProjection.of(request.withPayload());
        return records(shard.scroll(request.filter(), request.offset(), request.limit(),
                projection.wanted(), request.withVector()), projection);
    }

    @Override
    public List<PointRecord> retrieve(List<PointId> ids, WithPayload withPayload, VectorSelection withVector) {
        PayloadProjection projection = PayloadProjection.of(withPayload);
        return records(shard.retrieve(ids, projection.wanted(), withVector), projection);
    }

    private static List<PointRecord> records(List<StoredPoint> points, PayloadProjection projection) {
        List<PointRecord> out = new ArrayList<>(points.size());
        for (StoredPoint p : points) {
            out.add(new PointRecord(p.id(), projection.apply(p.payload()), p.vectors()));
        }
        return out;
    }

    @Override
    public long count(Filter filter) {
        return shard.count(filter);
    }

    @Override
    public long[] sparseStatistics(String using, int[] indices) {
        return shard.sparseStatistics(using, indices);
    }

    @Override
    public long upsert(List<PointStruct> points, Filter updateFilter) {
        return shard.upsert(writes(points), updateFilter);
    }

    @Override
    public Map<Object, Long> facetCounts(String key, Filter filter) {
        return shard.facetCounts(key, filter);
    }

    @Override
    public List<OrderedRecord> scrollOrdered(Filter filter, OrderBy order, int limit, WithPayload withPayload,
                                             boolean withVector) {
        PayloadProjection projection = PayloadProjection.of(withPayload);
        List<OrderedPoint> points = shard.scrollOrdered(filter, order, limit, projection.wanted(), withVector);
        List<OrderedRecord> out = new ArrayList<>(points.size());
        for (OrderedPoint p : points) {
            StoredPoint stored = p.point();
            out.add(new OrderedRecord(new PointRecord(stored.id(), projection.apply(stored.payload()), stored.vectors()),
                    p.key(), p.orderValue()));
        }
        return out;
    }

    @Override
    public List<PointRecord> sample(Filter filter, int n) {
        return records(shard.sample(filter, n), PayloadProjection.of(WithPayload.NONE));
    }

    @Override
    public ShardStats stats() {
        Map<String, CollectionInfo.PayloadFieldInfo> schema = new LinkedHashMap<>();
        for (Map.Entry<String, FieldIndexInfo> e : shard.fieldIndexes().entrySet()) {
            schema.put(e.getKey(), new CollectionInfo.PayloadFieldInfo(e.getValue().schema(), e.getValue().points()));
        }
        return new ShardStats(shard.pointCount(), shard.indexedVectorCount(), schema, shard.storedVectorCount(),
                shard.rebuilding());
    }

    @Override
    public void configure(CollectionParams params) {
        shard.setSearchDefaults(searchDefaults(params));
    }
}
