package io.vjvector.collection.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.ExampleQuerySearch;
import io.vjvector.collection.NamedVectors;
import io.vjvector.collection.OrderedRecord;
import io.vjvector.collection.OrderedScrollRequest;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.RecommendRequest;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.ScrollResult;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.filter.Condition;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.index.Distance;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.OrderBy;
import io.vjvector.engine.shard.VectorSelection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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

    /**
     * Recommend {@code best_score} / {@code sum_scores}, {@code discover} and {@code context}: the
     * examples are resolved when the plan runs (ids read here or in {@code lookup}'s collection),
     * {@code build} turns them, in {@code refs} order, into the query, and
     * {@link ExampleQuerySearch} answers it. Example ids of this collection are never returned.
     */
    record ByExamples(String using, List<ExampleVectors.Ref> refs, Function<List<float[]>, ExampleQuery> build,
                      LookupFrom lookup, SearchOptions options, VectorKernels kernels) implements QueryPlan {
        @Override
        public List<ScoredPoint> run(CollectionService service, String collection) {
            List<float[]> vectors = ExampleVectors.resolve(service, collection, using, lookup, refs);
            return ExampleQuerySearch.run(service, collection, using, build.apply(vectors),
                    ExampleVectors.ids(refs, lookup), options, kernels);
        }

        @Override
        public QueryPlan within(Filter filter) {
            return new ByExamples(using, refs, build, lookup,
                    options.withFilter(and(options.filter(), filter)), kernels);
        }
    }

    /**
     * Recommend {@code average_vector} (and a query by id) whose example ids are read in another
     * collection ({@code lookup_from}): they become raw vectors, so none is excluded.
     */
    record LookupRecommend(String using, List<ExampleVectors.Ref> positive, List<ExampleVectors.Ref> negative,
                           LookupFrom lookup, SearchOptions options) implements QueryPlan {
        @Override
        public List<ScoredPoint> run(CollectionService service, String collection) {
            List<float[]> pos = ExampleVectors.resolve(service, collection, using, lookup, positive);
            List<float[]> neg = ExampleVectors.resolve(service, collection, using, lookup, negative);
            return service.recommend(collection, new RecommendRequest(List.of(), pos, List.of(), neg, options, using));
        }

        @Override
        public QueryPlan within(Filter filter) {
            return new LookupRecommend(using, positive, negative, lookup,
                    options.withFilter(and(options.filter(), filter)));
        }
    }

    /**
     * {@code order_by}: points in the order of a payload field's values (the ordered scroll), each
     * with score 0; {@code offset} skips the first points.
     */
    record Ordered(Filter filter, OrderBy orderBy, int limit, int offset, WithPayload withPayload,
                   VectorSelection withVector) implements QueryPlan {
        @Override
        public List<ScoredPoint> run(CollectionService service, String collection) {
            int wanted = (int) Math.min(Integer.MAX_VALUE, (long) limit + offset);
            List<OrderedRecord> page = service.scrollOrdered(collection,
                    new OrderedScrollRequest(filter, wanted, orderBy, withPayload, withVector.any()));
            List<ScoredPoint> out = new ArrayList<>();
            for (int i = offset; i < page.size(); i++) {
                PointRecord p = page.get(i).record();
                out.add(new ScoredPoint(p.id(), 0, 0f, p.payload(), p.vectors()));
            }
            return out;
        }

        @Override
        public QueryPlan within(Filter more) {
            return new Ordered(and(filter, more), orderBy, limit, offset, withPayload, withVector);
        }
    }

    /**
     * {@code sample: "random"}: {@code limit} points drawn uniformly from those matching the filter,
     * each with score 0, a new draw per request. The matching ids are read once (a scroll without
     * payload or vectors) and sampled by reservoir, so the cost grows with the number of matches.
     */
    record RandomSample(Filter filter, int limit, WithPayload withPayload, VectorSelection withVector)
            implements QueryPlan {
        private static final int PAGE = 1024;

        @Override
        public List<ScoredPoint> run(CollectionService service, String collection) {
            if (limit == 0) {
                return List.of();
            }
            java.util.Random random = java.util.concurrent.ThreadLocalRandom.current();
            List<PointId> reservoir = new ArrayList<>(limit);
            long seen = 0;
            PointId from = null;
            do {
                ScrollResult page = service.scroll(collection, new ScrollRequest(filter, PAGE, from, WithPayload.NONE,
                        VectorSelection.NONE));
                for (var p : page.points()) {
                    seen++;
                    if (reservoir.size() < limit) {
                        reservoir.add(p.id());
                    } else {
                        long j = (long) (random.nextDouble() * seen);
                        if (j < limit) {
                            reservoir.set((int) j, p.id());
                        }
                    }
                }
                from = page.nextPageOffset();
            } while (from != null);
            java.util.Collections.shuffle(reservoir, random);
            List<ScoredPoint> out = new ArrayList<>(reservoir.size());
            for (PointRecord p : service.retrieve(collection, reservoir, withPayload, withVector)) {
                out.add(new ScoredPoint(p.id(), 0, 0f, p.payload(), p.vectors()));
            }
            return out;
        }

        @Override
        public QueryPlan within(Filter more) {
            return new RandomSample(and(filter, more), limit, withPayload, withVector);
        }
    }

    /**
     * {@code formula}: every point its prefetches found, scored by the formula ({@code $score[i]}
     * is prefetch i's score, absent = the default or 0), best first; then the page and
     * {@code score_threshold}. Each point keeps the payload and vectors its first prefetch returned
     * (the outer query's projection); the formula itself reads the whole payload.
     */
    record FormulaRescore(List<QueryPlan> prefetch, Formula formula, Map<String, JsonNode> defaults,
                          SearchOptions options) implements QueryPlan {
        @Override
        public List<ScoredPoint> run(CollectionService service, String collection) {
            List<Map<PointId, Float>> scores = new ArrayList<>();
            Map<PointId, ScoredPoint> points = new LinkedHashMap<>();
            for (QueryPlan p : prefetch) {
                Map<PointId, Float> own = new HashMap<>();
                for (ScoredPoint hit : p.run(service, collection)) {
                    own.putIfAbsent(hit.id(), hit.score());
                    points.putIfAbsent(hit.id(), hit);
                }
                scores.add(own);
            }
            if (points.isEmpty()) {
                return List.of();
            }
            Map<PointId, JsonNode> payloads = new HashMap<>();
            for (PointRecord r : service.retrieve(collection, new ArrayList<>(points.keySet()), WithPayload.ALL,
                    VectorSelection.NONE)) {
                payloads.put(r.id(), r.payload());
            }
            List<ScoredPoint> scored = new ArrayList<>(points.size());
            for (ScoredPoint hit : points.values()) {
                JsonNode payload = payloads.get(hit.id());
                double value = formula.eval(new FormulaPoint(hit.id(), payload, scores, defaults));
                scored.add(hit.withScore((float) value));
            }
            scored.sort(java.util.Comparator.comparingDouble((ScoredPoint s) -> -s.score()).thenComparing(ScoredPoint::id));
            List<ScoredPoint> out = new ArrayList<>();
            for (int i = options.offset(); i < scored.size() && out.size() < options.limit(); i++) {
                ScoredPoint s = scored.get(i);
                if (options.scoreThreshold() != null && s.score() < options.scoreThreshold()) {
                    break;
                }
                out.add(s);
            }
            return out;
        }

        @Override
        public QueryPlan within(Filter filter) {
            List<QueryPlan> inner = new ArrayList<>();
            for (QueryPlan p : prefetch) {
                inner.add(p.within(filter));
            }
            return new FormulaRescore(inner, formula, defaults, options);
        }
    }

    /** One point as a formula reads it. */
    record FormulaPoint(PointId id, JsonNode payload, List<Map<PointId, Float>> scores, Map<String, JsonNode> defaults)
            implements Formula.Point {
        private static final JsonNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();

        @Override
        public JsonNode payload() {
            return payload == null ? EMPTY : payload;
        }

        @Override
        public double score(int prefetch) {
            Float own = prefetch < scores.size() ? scores.get(prefetch).get(id) : null;
            if (own != null) {
                return own;
            }
            JsonNode d = defaults.get("$score[" + prefetch + "]");
            if (d == null && prefetch == 0) {
                d = defaults.get("$score");
            }
            return d != null && d.isNumber() ? d.doubleValue() : 0;
        }

        @Override
        public JsonNode defaultValue(String key) {
            return defaults.get(key);
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
