package io.vjvector.tenant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.AliasAction;
import io.vjvector.collection.CollectionInfo;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.CollectionParamsUpdate;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.DistanceMatrix;
import io.vjvector.collection.GroupRequest;
import io.vjvector.collection.OrderedRecord;
import io.vjvector.collection.OrderedScrollRequest;
import io.vjvector.collection.PointGroup;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointSelector;
import io.vjvector.collection.PointStruct;
import io.vjvector.collection.PointVectors;
import io.vjvector.collection.RecommendRequest;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.ScrollResult;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.UpdateResult;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.filter.FacetHit;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.filter.PayloadFieldSchema;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.error.VJVectorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The collection service as one caller sees it: every collection and alias name it passes in is
 * mapped into its tenant's namespace ({@link TenantNamespace}) and every name coming back (lists,
 * aliases, collection info, error messages) out of it, so a tenant sees only its own collections
 * and another tenant's answer exactly as missing ones do. This is the {@link CollectionService}
 * every request-serving bean injects; the service beneath it is {@link AllTenants}.
 *
 * <p>Names inside requests go through here too: {@code lookup_from} and example ids are read with
 * {@link #retrieve}, {@code with_lookup} is mapped below, {@code init_from} copies through this
 * service. The default methods of {@link CollectionService} run on this object, so whatever they
 * call is mapped as well.
 *
 * <p>Whatever the caller, an alias and its collection must belong to the same tenant, so no alias
 * (not even one an operator made) leads a tenant out of its namespace.
 */
public final class TenantCollections implements CollectionService {

    private final CollectionService all;
    private final Supplier<TenantNamespace> namespace;

    /**
     * @param all       the service of every tenant's collections, under their stored names
     * @param namespace the namespace of the current request's caller
     */
    public TenantCollections(CollectionService all, Supplier<TenantNamespace> namespace) {
        this.all = all;
        this.namespace = namespace;
    }

    /** Runs {@code op} in the caller's namespace, its errors told in the caller's names. */
    private <T> T in(Function<TenantNamespace, T> op) {
        TenantNamespace ns = namespace.get();
        try {
            return op.apply(ns);
        } catch (VJVectorException e) {
            throw ns.externalize(e);
        }
    }

    @Override
    public void create(String name, CollectionParams params) {
        in(ns -> {
            all.create(ns.internalNew(name, "collection_name"), params);
            return null;
        });
    }

    @Override
    public boolean delete(String name) {
        return in(ns -> all.delete(ns.internal(name)));
    }

    @Override
    public CollectionInfo info(String name) {
        return in(ns -> {
            CollectionInfo i = all.info(ns.internal(name));
            return new CollectionInfo(ns.external(i.name()), i.params(), i.pointsCount(), i.indexedVectorsCount(),
                    i.segmentsCount(), i.payloadSchema(), i.storedVectorsCount(), i.optimizing());
        });
    }

    @Override
    public UpdateResult addVector(String name, String vectorName, VectorsConfig.DenseVector dense,
                                  VectorsConfig.SparseVector sparse) {
        return in(ns -> all.addVector(ns.internal(name), vectorName, dense, sparse));
    }

    @Override
    public UpdateResult deleteVector(String name, String vectorName) {
        return in(ns -> all.deleteVector(ns.internal(name), vectorName));
    }

    @Override
    public CollectionParams params(String name) {
        return in(ns -> all.params(ns.internal(name)));
    }

    @Override
    public UpdateResult updateVectors(String name, List<PointVectors> points) {
        return in(ns -> all.updateVectors(ns.internal(name), points));
    }

    @Override
    public UpdateResult deleteVectors(String name, PointSelector selector, Set<String> vectorNames) {
        return in(ns -> all.deleteVectors(ns.internal(name), selector, vectorNames));
    }

    @Override
    public List<String> list() {
        return in(ns -> all.list().stream().map(ns::external).filter(Objects::nonNull).toList());
    }

    @Override
    public boolean exists(String name) {
        return in(ns -> all.exists(ns.internal(name)));
    }

    @Override
    public void update(String name, CollectionParamsUpdate update) {
        in(ns -> {
            all.update(ns.internal(name), update);
            return null;
        });
    }

    @Override
    public UpdateResult upsert(String name, List<PointStruct> points) {
        return in(ns -> all.upsert(ns.internal(name), points));
    }

    @Override
    public UpdateResult upsert(String name, List<PointStruct> points, Filter updateFilter) {
        return in(ns -> all.upsert(ns.internal(name), points, updateFilter));
    }

    @Override
    public UpdateResult deletePoints(String name, PointSelector selector) {
        return in(ns -> all.deletePoints(ns.internal(name), selector));
    }

    @Override
    public List<PointRecord> retrieve(String name, List<PointId> ids, WithPayload withPayload, VectorSelection withVector) {
        return in(ns -> all.retrieve(ns.internal(name), ids, withPayload, withVector));
    }

    @Override
    public UpdateResult setPayload(String name, ObjectNode payload, PointSelector selector, String key) {
        return in(ns -> all.setPayload(ns.internal(name), payload, selector, key));
    }

    @Override
    public UpdateResult overwritePayload(String name, ObjectNode payload, PointSelector selector) {
        return in(ns -> all.overwritePayload(ns.internal(name), payload, selector));
    }

    @Override
    public UpdateResult deletePayload(String name, List<String> keys, PointSelector selector) {
        return in(ns -> all.deletePayload(ns.internal(name), keys, selector));
    }

    @Override
    public UpdateResult clearPayload(String name, PointSelector selector) {
        return in(ns -> all.clearPayload(ns.internal(name), selector));
    }

    @Override
    public List<ScoredPoint> search(String name, SearchRequest request) {
        return in(ns -> all.search(ns.internal(name), request));
    }

    @Override
    public List<ScoredPoint> recommend(String name, RecommendRequest request) {
        return in(ns -> all.recommend(ns.internal(name), request));
    }

    @Override
    public ScrollResult scroll(String name, ScrollRequest request) {
        return in(ns -> all.scroll(ns.internal(name), request));
    }

    @Override
    public long count(String name, Filter filter) {
        return in(ns -> all.count(ns.internal(name), filter));
    }

    @Override
    public UpdateResult createFieldIndex(String name, String key, PayloadFieldSchema schema) {
        return in(ns -> all.createFieldIndex(ns.internal(name), key, schema));
    }

    @Override
    public UpdateResult deleteFieldIndex(String name, String key) {
        return in(ns -> all.deleteFieldIndex(ns.internal(name), key));
    }

    @Override
    public List<FacetHit> facet(String name, String key, Filter filter, int limit) {
        return in(ns -> all.facet(ns.internal(name), key, filter, limit));
    }

    @Override
    public List<OrderedRecord> scrollOrdered(String name, OrderedScrollRequest request) {
        return in(ns -> all.scrollOrdered(ns.internal(name), request));
    }

    @Override
    public List<PointGroup> searchGroups(String name, SearchRequest request, GroupRequest groups) {
        return in(ns -> all.searchGroups(ns.internal(name), request, internal(ns, groups)));
    }

    @Override
    public List<PointGroup> recommendGroups(String name, RecommendRequest request, GroupRequest groups) {
        return in(ns -> all.recommendGroups(ns.internal(name), request, internal(ns, groups)));
    }

    /** {@code with_lookup} names a collection too. */
    private static GroupRequest internal(TenantNamespace ns, GroupRequest groups) {
        GroupRequest.Lookup lookup = groups.lookup();
        if (lookup == null || ns.isGlobal()) {
            return groups;
        }
        return new GroupRequest(groups.groupBy(), groups.groupSize(), groups.limit(),
                new GroupRequest.Lookup(ns.internal(lookup.collection()), lookup.withPayload(), lookup.withVector()));
    }

    @Override
    public DistanceMatrix searchMatrix(String name, Filter filter, int sample, int limit) {
        return in(ns -> all.searchMatrix(ns.internal(name), filter, sample, limit));
    }

    @Override
    public void updateAliases(List<AliasAction> actions) {
        in(ns -> {
            List<AliasAction> stored = new ArrayList<>(actions.size());
            for (int i = 0; i < actions.size(); i++) {
                stored.add(internal(ns, actions.get(i), i));
            }
            all.updateAliases(stored);
            return null;
        });
    }

    private static AliasAction internal(TenantNamespace ns, AliasAction action, int i) {
        if (action instanceof AliasAction.Create c) {
            AliasAction.Create stored = new AliasAction.Create(ns.internal(c.collectionName()),
                    ns.internalNew(c.aliasName(), "actions[" + i + "].create_alias.alias_name"));
            sameTenant(stored.aliasName(), stored.collectionName(), "actions[" + i + "].create_alias.alias_name");
            return stored;
        }
        if (action instanceof AliasAction.Rename r) {
            AliasAction.Rename stored = new AliasAction.Rename(ns.internal(r.oldAliasName()),
                    ns.internalNew(r.newAliasName(), "actions[" + i + "].rename_alias.new_alias_name"));
            sameTenant(stored.newAliasName(), stored.oldAliasName(), "actions[" + i + "].rename_alias.new_alias_name");
            return stored;
        }
        AliasAction.Delete d = (AliasAction.Delete) action;
        return new AliasAction.Delete(ns.internal(d.aliasName()));
    }

    /** Only an operator (no tenant) can name two tenants in one action; it may not tie them together. */
    private static void sameTenant(String alias, String other, String field) {
        if (!Objects.equals(TenantNamespace.tenantOf(alias), TenantNamespace.tenantOf(other))) {
            throw VJVectorException.badRequest(field, "an alias and its collection must belong to the same tenant"
                    + " (the part of the name before \"~\")");
        }
    }

    @Override
    public Map<String, String> aliases() {
        return in(ns -> external(ns, all.aliases()));
    }

    @Override
    public Map<String, String> aliases(String collection) {
        return in(ns -> external(ns, all.aliases(ns.internal(collection))));
    }

    private static Map<String, String> external(TenantNamespace ns, Map<String, String> aliases) {
        if (ns.isGlobal()) {
            return aliases;
        }
        Map<String, String> mine = new LinkedHashMap<>();
        aliases.forEach((alias, collection) -> {
            if (ns.owns(alias) && ns.owns(collection)) {
                mine.put(ns.external(alias), ns.external(collection));
            }
        });
        return mine;
    }

    @Override
    public CompletionStage<Void> loaded() {
        return all.loaded();
    }

    @Override
    public boolean readsInProcess() {
        return all.readsInProcess();
    }

    @Override
    public Map<String, String> failedCollections() {
        return in(ns -> {
            Map<String, String> mine = new LinkedHashMap<>();
            all.failedCollections().forEach((name, reason) -> {
                if (ns.owns(name)) {
                    mine.put(ns.external(name), ns.externalize(reason));
                }
            });
            return mine;
        });
    }
}
