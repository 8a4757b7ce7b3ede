package io.vjvector.api.request;

import io.vjvector.collection.CollectionService;
import io.vjvector.collection.RecommendRequest;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.ScrollResult;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.NamedVectors;
import io.vjvector.collection.query.Fusion;
import io.vjvector.collection.query.Mmr;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.collection.query.Ranked;
import io.vjvector.engine.filter.Condition;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.point.PointId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a universal query turns into: a tree whose leaves search the collection and whose inner
 * nodes fuse or re-score what their prefetches found (Qdrant's query planning, written once over
 * the collection service so that it runs alike on every role).
 */
public sealed interface QueryPlan {

    List<ScoredPoint> run(CollectionService service, String collection);

    /** This plan restricted to points that also pass {@code filter} (a prefetch under an outer filter). */
    QueryPlan within(Filter filter);

    record Nearest(SearchRequest request) implements QueryPlan {
        @Override
        public List<ScoredPoint> run(CollectionService service, String collection) {
            return service.search(collection, request);
        }

        @Override
        public QueryPlan within(Filter filter) {
            return new Nearest(new SearchRequest(request.using(), request.query(),
                    request.options().withFilter(and(request.options().filter(), filter))));
        }
    }

    /**
     * {@code nearest} with {@code mmr}: the {@code candidates} nearest points (with the searched
     * vector), re-ordered by Maximal Marginal Relevance; each keeps its score for the query. The
     * vectors are returned only as the request asked.
     */
    record NearestMmr(SearchRequest request, float diversity, int candidates, Distance distance,
                      VectorKernels kernels) implements QueryPlan {
        @Override
        public List<ScoredPoint> run(CollectionService service, String collection) {
            SearchOptions o = request.options();
            VectorSelection withVector = o.withVector();
            Set<String> names = new java.util.HashSet<>(withVector.names());
            names.add(request.using());
            SearchOptions wide = new SearchOptions(o.filter(), Math.max(candidates, o.limit() + o.offset()), 0,
                    o.scoreThreshold(), o.hnswEf(), o.exact(), o.withPayload(),
                    withVector.all() ? VectorSelection.ALL : VectorSelection.names(names));
            List<ScoredPoint> nearest = service.search(collection, new SearchRequest(request.using(), request.query(), wide));
            float[] query = request.vector();
            List<Ranked<ScoredPoint>> picked = Mmr.select(query, nearest,
                    p -> NamedVectors.dense(p.vectors(), request.using()), ScoredPoint::id, distance, kernels, diversity,
                    o.offset() + o.limit());
            List<ScoredPoint> out = new ArrayList<>();
            for (int i = o.offset(); i < picked.size(); i++) {
                ScoredPoint p = picked.get(i).item();
                out.add(new ScoredPoint(p.id(), p.version(), picked.get(i).score(), p.payload(),
                        withVector.any() ? only(p.vectors(), withVector) : null));
            }
            return out;
        }

        private static java.util.Map<String, io.vjvector.engine.index.VectorValue> only(
                java.util.Map<String, io.vjvector.engine.index.VectorValue> vectors, VectorSelection selection) {
            java.util.Map<String, io.vjvector.engine.index.VectorValue> out = new java.util.LinkedHashMap<>();
            vectors.forEach((name, v) -> {
                if (selection.includes(name)) {
                    out.put(name, v);
                }
            });
            return out;
        }

        @Override
        public QueryPlan within(Filter filter) {
            return new NearestMmr(new SearchRequest(request.using(), request.query(),
                    request.options().withFilter(and(request.options().filter(), filter))), diversity, candidates,
                    distance, kernels);
        }
    }

    /** Also a query by point id: nearest to that point's vector, the point itself excluded. */
    record Recommend(RecommendRequest request) implements QueryPlan {
        @Override
        public List<ScoredPoint> run(CollectionService service, String collection) {
            return service.recommend(collection, request);
        }

        @Override
        public QueryPlan within(Filter filter) {
            RecommendRequest r = request;
            return new Recommend(new RecommendRequest(r.positiveIds(), r.positiveVectors(), r.negativeIds(),
                    r.negativeVectors(), r.options().withFilter(and(r.options().filter(), filter)), r.using()));
        }
    }

    /**
     * Prefetches fused by rank ({@code rrf}) or by normalised score ({@code dbsf}); then the page
     * ({@code offset}, {@code limit}) and {@code score_threshold} of the fused scores.
     */
    record Fuse(boolean rrf, int rrfK, float[] weights, List<QueryPlan> prefetch, SearchOptions options)
            implements QueryPlan {
        @Override
        public List<ScoredPoint> run(CollectionService service, String collection) {
            List<List<Ranked<ScoredPoint>>> lists = new ArrayList<>();
            for (QueryPlan p : prefetch) {
                List<Ranked<ScoredPoint>> ranked = new ArrayList<>();
                for (ScoredPoint hit : p.run(service, collection)) {
                    ranked.add(new Ranked<>(hit, hit.id(), hit.score()));
                }
                lists.add(ranked);
            }
            int wanted = (int) Math.min(Integer.MAX_VALUE, (long) options.offset() + options.limit());
            List<Ranked<ScoredPoint>> fused = rrf ? Fusion.rrf(lists, rrfK, weights, wanted) : Fusion.dbsf(lists, wanted);
            List<ScoredPoint> out = new ArrayList<>();
            for (int i = options.offset(); i < fused.size(); i++) {
                Ranked<ScoredPoint> r = fused.get(i);
                if (options.scoreThreshold() != null && r.score() < options.scoreThreshold()) {
                    break;
                }
                out.add(r.item().withScore(r.score()));
            }
            return out;
        }

        @Override
        public QueryPlan within(Filter filter) {
            List<QueryPlan> inner = new ArrayList<>();
            for (QueryPlan p : prefetch) {
                inner.add(p.within(filter));
            }
            return new Fuse(rrf, rrfK, weights, inner, options);
        }
    }

    /**
     * Re-scoring: the outer query runs over the points its prefetches found (Qdrant's rescoring
     * pattern, e.g. a cheap vector or a quantized search first, then the full one).
     */
    record Rescore(List<QueryPlan> prefetch, QueryPlan outer) implements QueryPlan {
        @Override
        public List<ScoredPoint> run(CollectionService service, String collection) {
            Set<PointId> candidates = new LinkedHashSet<>();
            for (QueryPlan p : prefetch) {
                for (ScoredPoint hit : p.run(service, collection)) {
                    candidates.add(hit.id());
                }
            }
            if (candidates.isEmpty()) {
                return List.of();
            }
            Filter ids = Filter.of(List.of(new Condition.HasId(candidates)), List.of(), List.of(), null);
            return outer.within(ids).run(service, collection);
        }

        @Override
        public QueryPlan within(Filter filter) {
            List<QueryPlan> inner = new ArrayList<>();
            for (QueryPlan p : prefetch) {
                inner.add(p.within(filter));
            }
            return new Rescore(inner, outer.within(filter));
        }
    }

    /** No query at all: a filtered page of points in id order, each with score 0, as Qdrant answers. */
    record Page(ScrollRequest request, int offset) implements QueryPlan {
        @Override
        public List<ScoredPoint> run(CollectionService service, String collection) {
            ScrollRequest r = request;
            ScrollResult page = service.scroll(collection, new ScrollRequest(r.filter(),
                    (int) Math.min(Integer.MAX_VALUE, (long) r.limit() + offset), r.offset(), r.withPayload(),
                    r.withVector()));
            List<ScoredPoint> out = new ArrayList<>();
            for (int i = offset; i < page.points().size(); i++) {
                var p = page.points().get(i);
                out.add(new ScoredPoint(p.id(), 0, 0f, p.payload(), p.vectors()));
            }
            return out;
        }

        @Override
        public QueryPlan within(Filter filter) {
            ScrollRequest r = request;
            return new Page(new ScrollRequest(and(r.filter(), filter), r.limit(), r.offset(), r.withPayload(),
                    r.withVector()), offset);
        }
    }

    /** Both filters (either may be null = none). */
    static Filter and(Filter a, Filter b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Filter.of(List.of(new Condition.Sub(a), new Condition.Sub(b)), List.of(), List.of(), null);
    }
}
