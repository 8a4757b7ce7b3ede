package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadSchemaType;
import io.vjvector.engine.index.IndexConfig;
import io.vjvector.engine.index.VectorIndexes;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.payload.JsonPath;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.PayloadUpdate;
import io.vjvector.engine.shard.Shard;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The standalone {@link CollectionService}: every shard of every collection lives in this process
 * (in memory), reached through {@link LocalShardHandle}s. Thread-safe.
 */
public final class LocalCollectionService implements CollectionService {

    private final VectorKernels kernels;
    private final ConcurrentMap<String, ShardedCollection> collections = new ConcurrentHashMap<>();

    public LocalCollectionService(VectorKernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public void create(String name, CollectionParams params) {
        CollectionValidation.name(name);
        CollectionValidation.params(params);
        if (collections.containsKey(name)) {
            throw alreadyExists(name);
        }
        if (collections.putIfAbsent(name, newCollection(name, params)) != null) {
            throw alreadyExists(name);
        }
    }

    private static VJVectorException alreadyExists(String name) {
        return VJVectorException.conflict("Collection `" + name + "` already exists!");
    }

    private ShardedCollection newCollection(String name, CollectionParams params) {
        // m = 0 means no graph (Qdrant's convention); IndexConfig still wants a valid m.
        boolean exactOnly = params.m() == 0;
        IndexConfig config = new IndexConfig(params.vectorSize(), params.distance(),
                exactOnly ? IndexConfig.DEFAULT_M : params.m(), params.efConstruct(), exactOnly);
        AtomicLong operationIds = new AtomicLong();
        List<ShardHandle> shards = new ArrayList<>(params.shardNumber());
        for (int i = 0; i < params.shardNumber(); i++) {
            Shard shard = new Shard(VectorIndexes.create(config, kernels),
                    LocalShardHandle.searchDefaults(params), operationIds::getAndIncrement);
            shards.add(new LocalShardHandle(i, shard));
        }
        return new ShardedCollection(name, params, shards);
    }

    /**
     * A new collection with empty shards that is not registered: a snapshot is restored into it
     * and then {@link #install installed}, so a failed restore leaves nothing behind.
     */
    public ShardedCollection detached(String name, CollectionParams params) {
        CollectionValidation.name(name);
        CollectionValidation.params(params);
        return newCollection(name, params);
    }

    /** Registers {@code collection} under its name, replacing any collection of that name in one step. */
    public void install(ShardedCollection collection) {
        collections.put(collection.name(), collection);
    }

    /**
     * The collection named {@code name}, for snapshots.
     *
     * @throws VJVectorException NOT_FOUND if there is none
     */
    public ShardedCollection get(String name) {
        return collection(name);
    }

    @Override
    public boolean delete(String name) {
        return name != null && collections.remove(name) != null;
    }

    @Override
    public CollectionInfo info(String name) {
        return collection(name).info();
    }

    @Override
    public List<String> list() {
        return collections.keySet().stream().sorted().toList();
    }

    @Override
    public boolean exists(String name) {
        return name != null && collections.containsKey(name);
    }

    @Override
    public void update(String name, CollectionParamsUpdate update) {
        collection(name).update(update);
    }

    @Override
    public UpdateResult upsert(String name, List<PointStruct> points) {
        return collection(name).upsert(points);
    }

    @Override
    public UpdateResult deletePoints(String name, PointSelector selector) {
        return collection(name).deletePoints(selector);
    }

    @Override
    public List<PointRecord> retrieve(String name, List<PointId> ids, WithPayload withPayload, boolean withVector) {
        return collection(name).retrieve(ids, withPayload, withVector);
    }

    @Override
    public UpdateResult setPayload(String name, ObjectNode payload, PointSelector selector, String key) {
        JsonPath path = key == null ? null : PayloadPaths.parse(key, "key");
        return collection(name).updatePayload(selector, new PayloadUpdate.Set(payload, path));
    }

    @Override
    public UpdateResult overwritePayload(String name, ObjectNode payload, PointSelector selector) {
        return collection(name).updatePayload(selector, new PayloadUpdate.Overwrite(payload));
    }

    @Override
    public UpdateResult deletePayload(String name, List<String> keys, PointSelector selector) {
        List<JsonPath> paths = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            paths.add(PayloadPaths.parse(keys.get(i), "keys[" + i + "]"));
        }
        return collection(name).updatePayload(selector, new PayloadUpdate.DeleteKeys(paths));
    }

    @Override
    public UpdateResult clearPayload(String name, PointSelector selector) {
        return collection(name).updatePayload(selector, new PayloadUpdate.Clear());
    }

    @Override
    public List<ScoredPoint> search(String name, SearchRequest request) {
        return collection(name).search(request);
    }

    @Override
    public List<ScoredPoint> recommend(String name, RecommendRequest request) {
        return collection(name).recommend(request);
    }

    @Override
    public ScrollResult scroll(String name, ScrollRequest request) {
        return collection(name).scroll(request);
    }

    @Override
    public long count(String name, Filter filter) {
        return collection(name).count(filter);
    }

    @Override
    public UpdateResult createFieldIndex(String name, String key, PayloadSchemaType type) {
        PayloadPaths.parse(key, "field_name");
        if (type == null) {
            throw VJVectorException.badRequest("field_schema", "field_schema is required");
        }
        return collection(name).createFieldIndex(key, type);
    }

    @Override
    public UpdateResult deleteFieldIndex(String name, String key) {
        return collection(name).deleteFieldIndex(key);
    }

    private ShardedCollection collection(String name) {
        ShardedCollection c = name == null ? null : collections.get(name);
        if (c == null) {
            throw VJVectorException.notFound("Collection `" + name + "` doesn't exist!");
        }
        return c;
    }
}
