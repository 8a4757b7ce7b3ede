package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.DiscoverBody;
import io.vjvector.api.dto.QueryBody;
import io.vjvector.api.dto.RecommendBody;
import io.vjvector.collection.RecommendRequest;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.collection.query.LookupFrom;
import io.vjvector.collection.query.QueryPlan;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Qdrant's universal query into a {@link QueryPlan}: {@code query} as a vector of the
 * {@code using} field (dense), a point id, {@code {"nearest": ...}}, {@code {"recommend": ...}},
 * {@code {"fusion": "rrf" | "dbsf"}} or {@code {"rrf": {k, weights}}} over {@code prefetch}es
 * (nested to any depth), a query over prefetches (re-scoring), or no query at all (a filtered page).
 * The outer {@code filter} applies to every prefetch too, as in Qdrant. Query kinds not implemented
 * answer 400 naming the option.
 */
@ApplicationScoped
public class QueryReader {

    static final int DEFAULT_LIMIT = 10;
    /** Qdrant's default {@code k} of Reciprocal Rank Fusion. */
    static final int DEFAULT_RRF_K = 2;
    private static final String RULE = "must be a vector, a point id, {\"nearest\": ...}, {\"recommend\": ...}, "
            + "{\"fusion\": \"rrf\" | \"dbsf\"} or {\"rrf\": {\"k\": n}}";
    /** Qdrant query kinds VJVector does not implement, named in the error (a list: the first found is reported). */
    private static final List<String> UNSUPPORTED_KINDS = List.of("relevance_feedback");
    private static final int MAX_PREFETCH_DEPTH = 8;
    /** Qdrant's declared maximum of {@code mmr.candidates_limit} (422 above it), set to keep MMR's pairwise work bounded. */
    private static final long MAX_MMR_CANDIDATES = 16_384;

    private final SearchReader searches;
    private final RequestLimits limits;
    private final VectorKernels kernels;
    private final QueryKindsReader kinds;
    private final FormulaReader formulas;

    public QueryReader(SearchReader searches, RequestLimits limits, VectorKernels kernels, QueryKindsReader kinds,
                       FormulaReader formulas) {
        this.searches = searches;
        this.limits = limits;
        this.kernels = kernels;
        this.kinds = kinds;
        this.formulas = formulas;
    }

    public QueryPlan read(QueryBody body, VectorsConfig vectors, String prefix) {
        if (body == null) {
            throw VJVectorException.badRequest(prefix.isEmpty() ? "body" : prefix, "a JSON object is required");
        }
        UnsupportedOptions.reject(body.shardKey(), field(prefix, "shard_key"));
        LookupFrom lookup = QueryKindsReader.lookupFrom(body.lookupFrom(), field(prefix, "lookup_from"));
        SearchOptions options = searches.options(prefix, body, DEFAULT_LIMIT);
        List<QueryPlan> prefetch = prefetches(body.prefetch(), field(prefix, "prefetch"), vectors, 1, options);
        String using = body.using() == null ? "" : body.using();
        QueryPlan plan = plan(body.query(), field(prefix, "query"), using, vectors, options, prefetch, lookup);
        return options.filter() == null ? plan : plan.within(options.filter());
    }

    /**
     * Qdrant's {@code /points/recommend} body as a plan: {@code average_vector} (the default) as
     * the recommend endpoint always ran it, {@code best_score} / {@code sum_scores} and
     * {@code lookup_from} as {@code /points/query} runs them.
     */
    public QueryPlan recommend(RecommendBody body, VectorsConfig vectors, String prefix) {
        if (body == null) {
            throw VJVectorException.badRequest(prefix.isEmpty() ? "body" : prefix, "a JSON object is required");
        }
        String strategy = QueryKindsReader.strategy(body.strategy() == null ? null
                : com.fasterxml.jackson.databind.node.TextNode.valueOf(body.strategy()), field(prefix, "strategy"));
        LookupFrom lookup = QueryKindsReader.lookupFrom(body.lookupFrom(), field(prefix, "lookup_from"));
        if (strategy.equals("average_vector") && lookup == null) {
            return new QueryPlan.Recommend(searches.recommend(body, vectors, prefix));
        }
        UnsupportedOptions.reject(body.shardKey(), field(prefix, "shard_key"));
        String using = body.using() == null ? "" : body.using();
        SearchOptions options = searches.options(prefix, body, null);
        return strategy.equals("average_vector")
                ? kinds.averageFromLookup(body.positive(), body.negative(), prefix, using, vectors, lookup, options)
                : kinds.recommend(strategy, body.positive(), body.negative(), prefix, using, vectors, lookup, options);
    }

    /** Qdrant's older {@code /points/discover} body: a discovery, or a context search without {@code target}. */
    public QueryPlan discover(DiscoverBody body, VectorsConfig vectors, String prefix) {
        if (body == null) {
            throw VJVectorException.badRequest(prefix.isEmpty() ? "body" : prefix, "a JSON object is required");
        }
        UnsupportedOptions.reject(body.shardKey(), field(prefix, "shard_key"));
        LookupFrom lookup = QueryKindsReader.lookupFrom(body.lookupFrom(), field(prefix, "lookup_from"));
        String using = body.using() == null ? "" : body.using();
        SearchOptions options = searches.options(prefix, body, null);
        if (!JsonValues.present(body.target()) && !JsonValues.present(body.context())) {
            throw VJVectorException.badRequest(field(prefix, "target"), "a target or a context is required");
        }
        return kinds.discover(body.target(), body.context(), prefix, using, vectors, lookup, options);
    }

    /** One query node over its prefetches. */
    private QueryPlan plan(JsonNode query, String at, String using, VectorsConfig vectors, SearchOptions options,
                           List<QueryPlan> prefetch, LookupFrom lookup) {
        // The outer filter is applied to the whole tree by the caller.
        SearchOptions own = options.withFilter(null);
        if (!JsonValues.present(query)) {
            if (!prefetch.isEmpty()) {
                throw VJVectorException.badRequest(at, "is required with prefetch: a fusion or a query to re-score by");
            }
            return new QueryPlan.Page(new ScrollRequest(null, own.limit(), null, own.withPayload(), own.withVector()),
                    own.offset());
        }
        if (query.isObject() && (query.has("fusion") || query.has("rrf"))) {
            return fusion(query, at, own, prefetch);
        }
        if (query.isObject() && query.has("formula")) {
            if (prefetch.isEmpty()) {
                throw VJVectorException.badRequest(at, "a formula rescores prefetch results: at least one prefetch is required");
            }
            FormulaReader.Read f = formulas.read(query, at);
            return new QueryPlan.FormulaRescore(prefetch, f.formula(), f.defaults(), own);
        }
        QueryPlan leaf = leaf(query, at, using, vectors, own, lookup);
        return prefetch.isEmpty() ? leaf : new QueryPlan.Rescore(prefetch, leaf);
    }

    private QueryPlan fusion(JsonNode query, String at, SearchOptions options, List<QueryPlan> prefetch) {
        if (prefetch.isEmpty()) {
            throw VJVectorException.badRequest(at, "a fusion needs at least one prefetch");
        }
        if (query.size() != 1) {
            throw VJVectorException.badRequest(at, "must hold only \"fusion\" or only \"rrf\"");
        }
        if (query.has("rrf")) {
            JsonNode rrf = query.get("rrf");
            String path = field(at, "rrf");
            if (!rrf.isObject()) {
                throw VJVectorException.badRequest(path, "must be an object {\"k\": n, \"weights\": [...]}");
            }
            rrf.fieldNames().forEachRemaining(name -> {
                if (!name.equals("k") && !name.equals("weights")) {
                    throw VJVectorException.badRequest(field(path, name), "is not a member of rrf (k, weights)");
                }
            });
            int k = DEFAULT_RRF_K;
            JsonNode kNode = rrf.get("k");
            if (JsonValues.present(kNode)) {
                if (!kNode.isIntegralNumber() || !kNode.canConvertToLong() || kNode.asLong() < 0
                        || kNode.asLong() > Integer.MAX_VALUE) {
                    throw VJVectorException.format(field(path, "k"), "must be a positive integer");
                }
                if (kNode.asLong() < 1) {
                    // Qdrant's Rrf declares k >= 1 (422); a negative k fails its parsing as unsigned (400).
                    throw VJVectorException.atLeast(field(path, "k"), kNode.asLong(), 1);
                }
                k = kNode.asInt();
            }
            float[] weights = weights(rrf.get("weights"), field(path, "weights"), prefetch.size());
            return new QueryPlan.Fuse(true, k, weights, prefetch, options);
        }
        JsonNode fusion = query.get("fusion");
        String kind = fusion.isTextual() ? fusion.textValue() : "";
        return switch (kind) {
            case "rrf" -> new QueryPlan.Fuse(true, DEFAULT_RRF_K, null, prefetch, options);
            case "dbsf" -> new QueryPlan.Fuse(false, 0, null, prefetch, options);
            default -> throw VJVectorException.badRequest(field(at, "fusion"), "must be \"rrf\" or \"dbsf\"");
        };
    }

    private static float[] weights(JsonNode node, String path, int prefetches) {
        if (!JsonValues.present(node)) {
            return null;
        }
        if (!node.isArray() || node.size() != prefetches) {
            throw VJVectorException.badRequest(path, "must be a list of " + prefetches + " weights, one per prefetch");
        }
        float[] w = new float[prefetches];
        for (int i = 0; i < prefetches; i++) {
            JsonNode e = node.get(i);
            if (!e.isNumber() || !(e.floatValue() >= 0) || !Float.isFinite(e.floatValue())) {
                throw VJVectorException.badRequest(FieldPath.index(path, i), "must be a non-negative number");
            }
            w[i] = e.floatValue();
        }
        return w;
    }

    /** A query that searches the collection itself. */
    private QueryPlan leaf(JsonNode query, String at, String using, VectorsConfig vectors, SearchOptions options,
                           LookupFrom lookup) {
        if (query.isObject() && query.size() == 1 && query.has("recommend")) {
            return recommend(query.get("recommend"), field(at, "recommend"), using, vectors, options, lookup);
        }
        QueryPlan other = otherKind(query, at, using, vectors, options, lookup);
        if (other != null) {
            return other;
        }
        if (query.isObject() && query.has("nearest")) {
            query.fieldNames().forEachRemaining(name -> {
                if (!name.equals("nearest") && !name.equals("mmr")) {
                    throw VJVectorException.badRequest(field(at, name), "is not a member of a nearest query (nearest, mmr)");
                }
            });
            QueryPlan plan = nearest(query.get("nearest"), field(at, "nearest"), using, vectors, options, lookup);
            JsonNode mmr = query.get("mmr");
            return JsonValues.present(mmr) ? mmr(plan, mmr, field(at, "mmr"), vectors, options) : plan;
        }
        if (query.isObject()) {
            for (String kind : UNSUPPORTED_KINDS) {
                if (query.has(kind)) {
                    throw VJVectorException.badRequest(field(at, kind), "is not supported by VJVector");
                }
            }
            if (!query.has("indices") && !query.has("values") && !NamedVectorReader.isInference(query)) {
                throw VJVectorException.badRequest(at, RULE);
            }
        }
        return nearest(query, at, using, vectors, options, lookup);
    }

    /** {@code discover}, {@code context}, {@code relevance_feedback}, {@code order_by} or {@code sample}; null for any other query. */
    private QueryPlan otherKind(JsonNode query, String at, String using, VectorsConfig vectors, SearchOptions options,
                                LookupFrom lookup) {
        if (!query.isObject() || query.size() != 1) {
            return null;
        }
        String kind = query.fieldNames().next();
        JsonNode arg = query.get(kind);
        String path = field(at, kind);
        return switch (kind) {
            case "discover" -> kinds.discover(arg, path, using, vectors, lookup, options);
            case "context" -> kinds.context(arg, path, using, vectors, lookup, options);
            case "relevance_feedback" -> kinds.relevanceFeedback(arg, path, using, vectors, lookup, options);
            case "order_by" -> QueryKindsReader.orderBy(arg, path, options);
            case "sample" -> QueryKindsReader.sample(arg, path, options);
            default -> null;
        };
    }

    /** Qdrant's {@code mmr: {diversity (default 0.5), candidates_limit (default the limit)}} on a dense nearest query. */
    private QueryPlan mmr(QueryPlan nearest, JsonNode mmr, String at, VectorsConfig vectors, SearchOptions options) {
        if (!mmr.isObject()) {
            throw VJVectorException.badRequest(at, "must be {\"diversity\": d, \"candidates_limit\": n}");
        }
        mmr.fieldNames().forEachRemaining(name -> {
            if (!name.equals("diversity") && !name.equals("candidates_limit")) {
                throw VJVectorException.badRequest(field(at, name), "is not a member of mmr (diversity, candidates_limit)");
            }
        });
        if (!(nearest instanceof QueryPlan.Nearest n) || n.request().vector() == null) {
            throw VJVectorException.badRequest(at, "applies to a dense vector query only");
        }
        float diversity = 0.5f;
        JsonNode d = mmr.get("diversity");
        if (JsonValues.present(d)) {
            if (!d.isNumber()) {
                throw VJVectorException.format(field(at, "diversity"), "must be a number between 0 and 1");
            }
            if (!(d.floatValue() >= 0f && d.floatValue() <= 1f)) {
                // Qdrant's Mmr declares diversity in 0..1 (422).
                throw VJVectorException.between(field(at, "diversity"), d.doubleValue(), 0.0, 1.0);
            }
            diversity = d.floatValue();
        }
        int candidates = options.limit();
        JsonNode c = mmr.get("candidates_limit");
        if (JsonValues.present(c)) {
            if (!c.isIntegralNumber() || !c.canConvertToLong() || c.longValue() < 0) {
                throw VJVectorException.format(field(at, "candidates_limit"), "must be a non-negative integer");
            }
            if (c.longValue() > MAX_MMR_CANDIDATES) {
                throw VJVectorException.atMost(field(at, "candidates_limit"), c.longValue(), MAX_MMR_CANDIDATES);
            }
            candidates = limits.limit(c.intValue(), field(at, "candidates_limit"), options.limit());
        }
        SearchRequest request = n.request();
        return new QueryPlan.NearestMmr(request, diversity, candidates,
                vectors.dense().get(request.using()).distance(), kernels);
    }

    private QueryPlan nearest(JsonNode target, String path, String using, VectorsConfig vectors,
                              SearchOptions options, LookupFrom lookup) {
        if (JsonValues.present(target) && (target.isArray() || target.isObject())) {
            return new QueryPlan.Nearest(new SearchRequest(using,
                    NamedVectorReader.query(target, path, using, vectors), options));
        }
        if (lookup != null) {
            return kinds.averageFromLookup(List.of(target), null, path, using, vectors, lookup, options);
        }
        PointId id = PointIdReader.read(target, path);
        return new QueryPlan.Recommend(new RecommendRequest(List.of(id), List.of(), List.of(), List.of(), options,
                using));
    }

    private QueryPlan recommend(JsonNode input, String path, String using, VectorsConfig vectors,
                                SearchOptions options, LookupFrom lookup) {
        if (!JsonValues.present(input) || !input.isObject()) {
            throw VJVectorException.badRequest(path, "must be an object {\"positive\": [...], \"negative\": [...]}");
        }
        QueryKindsReader.members(input, path, "positive", "negative", "strategy");
        String strategy = QueryKindsReader.strategy(input.get("strategy"), field(path, "strategy"));
        List<JsonNode> pos = list(input.get("positive"), field(path, "positive"));
        List<JsonNode> neg = list(input.get("negative"), field(path, "negative"));
        if (!strategy.equals("average_vector")) {
            return kinds.recommend(strategy, pos, neg, path, using, vectors, lookup, options);
        }
        if (lookup != null) {
            return kinds.averageFromLookup(pos, neg, path, using, vectors, lookup, options);
        }
        int dimension = SearchReader.denseSize(vectors, using, path);
        SearchReader.Examples positive = searches.examples(list(input.get("positive"), field(path, "positive")),
                field(path, "positive"), dimension);
        SearchReader.Examples negative = searches.examples(list(input.get("negative"), field(path, "negative")),
                field(path, "negative"), dimension);
        if (positive.isEmpty()) {
            throw VJVectorException.badRequest(field(path, "positive"), "at least one positive example is required");
        }
        return new QueryPlan.Recommend(new RecommendRequest(positive.ids(), positive.vectors(), negative.ids(),
                negative.vectors(), options, using));
    }

    /** {@code prefetch}: one object or a list of them, each a query of its own with its own limit. */
    private List<QueryPlan> prefetches(JsonNode node, String path, VectorsConfig vectors, int depth,
                                       SearchOptions outer) {
        if (!JsonValues.present(node)) {
            return List.of();
        }
        if (depth > MAX_PREFETCH_DEPTH) {
            throw VJVectorException.badRequest(path, "prefetches may be nested at most " + MAX_PREFETCH_DEPTH + " deep");
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        limits.batch(items.size(), path);
        List<QueryPlan> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = node.isArray() ? FieldPath.index(path, i) : path;
            out.add(prefetch(items.get(i), at, vectors, depth, outer));
        }
        return out;
    }

    /** A prefetch returns what the outer query returns of each point (its hits may be the answer, fused). */
    private QueryPlan prefetch(JsonNode p, String at, VectorsConfig vectors, int depth, SearchOptions outer) {
        if (!p.isObject()) {
            throw VJVectorException.badRequest(at, "must be an object {\"query\", \"using\", \"filter\", \"limit\", ...}");
        }
        p.fieldNames().forEachRemaining(name -> {
            if (!PREFETCH_FIELDS.contains(name)) {
                throw VJVectorException.badRequest(field(at, name), "is not a member of a prefetch ("
                        + String.join(", ", PREFETCH_FIELDS) + ")");
            }
        });
        LookupFrom lookup = QueryKindsReader.lookupFrom(p.get("lookup_from"), field(at, "lookup_from"));
        JsonNode usingNode = p.get("using");
        if (JsonValues.present(usingNode) && !usingNode.isTextual()) {
            throw VJVectorException.badRequest(field(at, "using"), "must be a vector name (a string)");
        }
        String using = JsonValues.present(usingNode) ? usingNode.textValue() : "";
        SearchOptions options = searches.prefetchOptions(at, p, DEFAULT_LIMIT, outer);
        List<QueryPlan> nested = prefetches(p.get("prefetch"), field(at, "prefetch"), vectors, depth + 1, outer);
        QueryPlan plan = plan(p.get("query"), field(at, "query"), using, vectors, options, nested, lookup);
        return options.filter() == null ? plan : plan.within(options.filter());
    }

    private static final List<String> PREFETCH_FIELDS = List.of("prefetch", "query", "using", "filter", "params",
            "score_threshold", "limit", "lookup_from");

    private static List<JsonNode> list(JsonNode node, String path) {
        if (!JsonValues.present(node)) {
            return null;
        }
        if (!node.isArray()) {
            throw VJVectorException.badRequest(path, "must be a list of point ids or vectors");
        }
        List<JsonNode> out = new ArrayList<>(node.size());
        node.forEach(out::add);
        return out;
    }
}
