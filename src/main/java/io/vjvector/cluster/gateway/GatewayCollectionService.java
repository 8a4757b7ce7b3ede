package io.vjvector.cluster.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.AliasAction;
import io.vjvector.collection.Catalog;
import io.vjvector.collection.CollectionAliases;
import io.vjvector.collection.CollectionChanges;
import io.vjvector.collection.CollectionInfo;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.CollectionParamsUpdate;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.CollectionValidation;
import io.vjvector.collection.DistanceMatrix;
import io.vjvector.collection.GroupLookup;
import io.vjvector.collection.GroupRequest;
import io.vjvector.collection.OrderedRecord;
import io.vjvector.collection.OrderedScrollRequest;
import io.vjvector.collection.PointGroup;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointSelector;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.PointVectors;
import io.vjvector.collection.ReadConsistency;
import io.vjvector.collection.RecommendRequest;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.ScrollResult;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.ShardHandle;
import io.vjvector.collection.ShardedCollection;
import io.vjvector.collection.UpdateResult;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.filter.FacetHit;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.PayloadUpdate;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.error.VJVectorException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@link CollectionService} of a gateway: holds no data. Each collection's settings come from
 * the cluster's {@link Catalog}; its shards are reached through {@link ReplicaSetShardHandle}s
 * routed by {@link ShardRoutes}; routing points to shards, fanning reads out and merging them is
 * {@link ShardedCollection}'s, as on a standalone node.
 *
 * <p>Creating and deleting collections and changing aliases are changes of the {@link Catalog}
 * (etcd in a cluster, which places the new collection's shards on data nodes; they create their
 * copies and elect leaders when they see it). So are changes of a collection's settings and vector
 * names: the next settings are computed as a standalone node computes them
 * ({@link CollectionChanges}) from the entry the catalog holds and recorded at the next config
 * version ({@link Catalog#change}); each data node applies them to its copies when its watch
 * shows them, and the answer waits until every live copy has ({@link ConfigRollout}). Field
 * indexes live in the shards and are created through their leaders.
 *
 * <p>Thread-safe. The {@link ShardedCollection} of a collection is built on first use and kept
 * while the catalog holds the same settings for it.
 */
public final class GatewayCollectionService implements CollectionService {

    private final Catalog catalog;
    private final ShardRoutes routes;
    private final CopyTransports copies;
    private final Executor fanOut;
    private final Executor copyReads;
    private final ReadConsistencyScope consistency;
    private final ConfigRollout rollout;
    private final ConcurrentMap<String, ShardedCollection> collections = new ConcurrentHashMap<>();

    /**
     * @param fanOut runs the per-shard parts of reads; give it a pool (several threads per shard
     *               of a large collection), so that the copies' latencies overlap
     */
    public GatewayCollectionService(Catalog catalog, ShardRoutes routes, CopyTransports copies, Executor fanOut) {
        this(catalog, routes, copies, fanOut, () -> ReadConsistency.DEFAULT, ConfigRollout.NONE);
    }

    /**
     * @param requested the read consistency of the request served on the calling thread (Qdrant's
     *                  {@code consistency} parameter; the default outside a request)
     * @param rollout   what a settings change waits for once the catalog holds it
     */
    public GatewayCollectionService(Catalog catalog, ShardRoutes routes, CopyTransports copies, Executor fanOut,
                                    Supplier<ReadConsistency> requested, ConfigRollout rollout) {
        this.catalog = catalog;
        this.routes = routes;
        this.copies = copies;
        this.consistency = new ReadConsistencyScope(requested);
        this.fanOut = consistency.carrying(fanOut);
        this.copyReads = fanOut;
        this.rollout = rollout;
    }

    @Override
    public void create(String name, CollectionParams params) {
        CollectionValidation.name(name);
        CollectionValidation.params(params);
        if (catalog.aliases().containsKey(name)) {
            throw VJVectorException.conflict("Alias with the same name `" + name + "` already exists!");
        }
        try {
            catalog.create(catalog.newEntry(name, params));
        } catch (IOException e) {
            throw VJVectorException.unavailable("could not record collection `" + name + "` in the cluster catalog: "
                    + e.getMessage());
        }
    }

    @Override
    public boolean delete(String name) {
        if (find(name) == null) {
            return false;
        }
        Map<String, String> next = new TreeMap<>(catalog.aliases());
        next.values().removeIf(name::equals);
        try {
            catalog.remove(name, next);
        } catch (IOException e) {
            throw VJVectorException.unavailable("could not remove collection `" + name + "` from the cluster catalog: "
                    + e.getMessage());
        }
        collections.remove(name);
        return true;
    }

    @Override
    public void update(String name, CollectionParamsUpdate update) {
        change(name, "change the settings of", p -> CollectionChanges.update(p, update));
    }

    @Override
    public UpdateResult addVector(String name, String vectorName, VectorsConfig.DenseVector dense,
                                  VectorsConfig.SparseVector sparse) {
        return change(name, "add vector `" + vectorName + "` to",
                p -> CollectionChanges.addVector(p, vectorName, dense, sparse));
    }

    @Override
    public UpdateResult deleteVector(String name, String vectorName) {
        String collection = entry(name).name();
        return change(name, "delete vector `" + vectorName + "` from",
                p -> CollectionChanges.dropVector(p, collection, vectorName));
    }

    /**
     * Records the settings {@code next} computes from the catalog's current ones, then waits until
     * every live copy has applied them. The operation id answered is the new config version.
     *
     * @throws VJVectorException UNAVAILABLE when etcd cannot record it, or when copies have not
     *                           applied it in time (it is recorded: they apply it when they can)
     */
    private UpdateResult change(String name, String what, java.util.function.UnaryOperator<CollectionParams> next) {
        String collection = entry(name).name();
        Catalog.Entry changed;
        try {
            changed = catalog.change(collection, next);
        } catch (IOException e) {
            throw VJVectorException.unavailable("could not " + what + " collection `" + collection
                    + "` in the cluster catalog: " + e.getMessage());
        }
        Set<String> behind = rollout.await(collection, changed.configVersion());
        if (!behind.isEmpty()) {
            throw VJVectorException.unavailable("the change of collection `" + collection + "` is recorded in the"
                    + " cluster catalog (config version " + changed.configVersion() + ") but the copies on " + behind
                    + " have not applied it yet; they apply it before they serve again, do not repeat the change");
        }
        return new UpdateResult(changed.configVersion());
    }

    @Override
    public void updateAliases(List<AliasAction> actions) {
        Predicate<String> isCollection = n -> find(n) != null;
        new CollectionAliases(catalog.aliases()).update(actions, isCollection, isCollection, next -> {
            catalog.putAliases(next);
        });
    }

    @Override
    public CollectionInfo info(String name) {
        return collection(name).info();
    }

    @Override
    public CollectionParams params(String name) {
        return entry(name).params();
    }

    @Override
    public List<String> list() {
        List<String> names = new ArrayList<>();
        for (Catalog.Entry e : catalog.entries()) {
            names.add(e.name());
        }
        names.sort(null);
        return names;
    }

    @Override
    public boolean exists(String name) {
        return find(resolve(name)) != null;
    }

    @Override
    public Map<String, String> aliases() {
        return new TreeMap<>(catalog.aliases());
    }

    @Override
    public Map<String, String> aliases(String collection) {
        String name = resolve(collection);
        if (find(name) == null) {
            throw VJVectorException.notFound("Collection `" + collection + "` doesn't exist!");
        }
        Map<String, String> out = new TreeMap<>();
        catalog.aliases().forEach((alias, target) -> {
            if (target.equals(name)) {
                out.put(alias, target);
            }
        });
        return out;
    }

    @Override
    public UpdateResult upsert(String name, List<PointStruct> points) {
        return collection(name).upsert(points);
    }

    @Override
    public UpdateResult upsert(String name, List<PointStruct> points, Filter updateFilter) {
        return collection(name).upsert(points, updateFilter);
    }

    @Override
    public UpdateResult deletePoints(String name, PointSelector selector) {
        return collection(name).deletePoints(selector);
    }

    @Override
    public UpdateResult updateVectors(String name, List<PointVectors> points) {
        return collection(name).updateVectors(points);
    }

    @Override
    public UpdateResult deleteVectors(String name, PointSelector selector, Set<String> vectorNames) {
        return collection(name).deleteVectors(selector, vectorNames);
    }

    @Override
    public List<PointRecord> retrieve(String name, List<PointId> ids, WithPayload withPayload,
                                      VectorSelection withVector) {
        return collection(name).retrieve(ids, withPayload, withVector);
    }

    @Override
    public UpdateResult setPayload(String name, ObjectNode payload, PointSelector selector, String key) {
        return collection(name).setPayload(selector, payload, key);
    }

    @Override
    public UpdateResult overwritePayload(String name, ObjectNode payload, PointSelector selector) {
        return collection(name).updatePayload(selector, new PayloadUpdate.Overwrite(payload));
    }

    @Override
    public UpdateResult deletePayload(String name, List<String> keys, PointSelector selector) {
        return collection(name).deletePayload(selector, keys);
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
    public UpdateResult createFieldIndex(String name, String key, PayloadFieldSchema schema) {
        return collection(name).createFieldIndex(key, schema);
    }

    @Override
    public UpdateResult deleteFieldIndex(String name, String key) {
        return collection(name).deleteFieldIndex(key);
    }

    @Override
    public List<FacetHit> facet(String name, String key, Filter filter, int limit) {
        return collection(name).facet(key, filter, limit);
    }

    @Override
    public List<OrderedRecord> scrollOrdered(String name, OrderedScrollRequest request) {
        return collection(name).scrollOrdered(request);
    }

    @Override
    public List<PointGroup> searchGroups(String name, SearchRequest request, GroupRequest groups) {
        return GroupLookup.add(collection(name).searchGroups(request, groups), groups.lookup(), this::retrieve);
    }

    @Override
    public List<PointGroup> recommendGroups(String name, RecommendRequest request, GroupRequest groups) {
        return GroupLookup.add(collection(name).recommendGroups(request, groups), groups.lookup(), this::retrieve);
    }

    @Override
    public DistanceMatrix searchMatrix(String name, Filter filter, int sample, int limit) {
        return collection(name).searchMatrix(filter, sample, limit);
    }

    /** The collection {@code name} (or an alias) stands for, reached through its shards' copies. */
    private ShardedCollection collection(String name) {
        Catalog.Entry entry = entry(name);
        ShardedCollection cached = collections.get(entry.name());
        if (cached != null && cached.params().equals(entry.params())) {
            return cached;
        }
        return collections.compute(entry.name(), (n, current) ->
                current != null && current.params().equals(entry.params()) ? current : open(entry));
    }

    private ShardedCollection open(Catalog.Entry entry) {
        List<ShardHandle> handles = new ArrayList<>(entry.params().shardNumber());
        for (int i = 0; i < entry.params().shardNumber(); i++) {
            handles.add(new ReplicaSetShardHandle(entry.name(), i, routes, copies, consistency::current, copyReads));
        }
        return new ShardedCollection(entry.name(), entry.params(), handles, fanOut);
    }

    /** @throws VJVectorException NOT_FOUND when neither a collection nor an alias is called {@code name} */
    private Catalog.Entry entry(String name) {
        Catalog.Entry entry = find(resolve(name));
        if (entry == null) {
            throw VJVectorException.notFound("Collection `" + name + "` doesn't exist!");
        }
        return entry;
    }

    private String resolve(String name) {
        return name == null ? null : catalog.aliases().getOrDefault(name, name);
    }

    private Catalog.Entry find(String name) {
        return name == null ? null : catalog.entry(name);
    }
}
