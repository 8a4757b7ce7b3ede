package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.field;
import static io.vjvector.api.request.FieldPath.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.collection.query.ExampleQuery;
import io.vjvector.collection.query.ExampleVectors;
import io.vjvector.collection.query.LookupFrom;
import io.vjvector.collection.query.QueryPlan;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the query kinds that score by several examples or by no vector at all: recommend with
 * the {@code best_score} and {@code sum_scores} strategies, {@code discover}, {@code context},
 * {@code relevance_feedback}, {@code order_by}, {@code sample}, and {@code lookup_from}. Examples are point ids or dense
 * vectors of the {@code using} field.
 */
@ApplicationScoped
public class QueryKindsReader {

    private static final Set<String> STRATEGIES = Set.of("average_vector", "best_score", "sum_scores");

    private final RequestLimits limits;
    private final VectorKernels kernels;

    public QueryKindsReader(RequestLimits limits, VectorKernels kernels) {
        this.limits = limits;
        this.kernels = kernels;
    }

    /** {@code lookup_from}: {@code {"collection", "vector"?}}, or null when absent. */
    public static LookupFrom lookupFrom(JsonNode node, String path) {
        if (!JsonValues.present(node)) {
            return null;
        }
        if (!node.isObject() || !node.path("collection").isTextual() || node.get("collection").textValue().isEmpty()) {
            throw VJVectorException.badRequest(field(path, "collection"), "is required: the collection to read example ids in");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!name.equals("collection") && !name.equals("vector")) {
                throw VJVectorException.badRequest(field(path, name), "is not a member of lookup_from (collection, vector)");
            }
        });
        JsonNode vector = node.get("vector");
        if (JsonValues.present(vector) && !vector.isTextual()) {
            throw VJVectorException.badRequest(field(path, "vector"), "must be a vector name (a string)");
        }
        return new LookupFrom(node.get("collection").textValue(), JsonValues.present(vector) ? vector.textValue() : null);
    }

    /** A recommend strategy name; null means {@code average_vector}. */
    static String strategy(JsonNode node, String path) {
        if (!JsonValues.present(node)) {
            return "average_vector";
        }
        if (!node.isTextual() || !STRATEGIES.contains(node.textValue())) {
            throw VJVectorException.badRequest(path, "must be \"average_vector\", \"best_score\" or \"sum_scores\"");
        }
        return node.textValue();
    }

    /**
     * A recommendation by {@code best_score} or {@code sum_scores}. Negatives alone are allowed
     * (as in Qdrant for these strategies); no example at all is not.
     */
    QueryPlan recommend(String strategy, List<JsonNode> positive, List<JsonNode> negative, String path, String using,
                        VectorsConfig vectors, LookupFrom lookup, SearchOptions options) {
        int dimension = SearchReader.denseSize(vectors, using, field(path, "using"));
        List<ExampleVectors.Ref> pos = refs(positive, field(path, "positive"), dimension);
        List<ExampleVectors.Ref> neg = refs(negative, field(path, "negative"), dimension);
        if (pos.isEmpty() && neg.isEmpty()) {
            throw VJVectorException.badRequest(field(path, "positive"), "at least one positive or negative example is required");
        }
        List<ExampleVectors.Ref> all = new ArrayList<>(pos);
        all.addAll(neg);
        int p = pos.size();
        boolean best = strategy.equals("best_score");
        Function<List<float[]>, ExampleQuery> build = v -> best
                ? new ExampleQuery.BestScore(v.subList(0, p), v.subList(p, v.size()))
                : new ExampleQuery.SumScores(v.subList(0, p), v.subList(p, v.size()));
        return new QueryPlan.ByExamples(using, all, build, lookup, options, kernels);
    }

    /** A recommendation by {@code average_vector} whose ids are read in another collection. */
    QueryPlan averageFromLookup(List<JsonNode> positive, List<JsonNode> negative, String path, String using,
                                VectorsConfig vectors, LookupFrom lookup, SearchOptions options) {
        int dimension = SearchReader.denseSize(vectors, using, field(path, "using"));
        List<ExampleVectors.Ref> pos = refs(positive, field(path, "positive"), dimension);
        if (pos.isEmpty()) {
            throw VJVectorException.badRequest(field(path, "positive"), "at least one positive example is required");
        }
        return new QueryPlan.LookupRecommend(using, pos, refs(negative, field(path, "negative"), dimension), lookup,
                options);
    }

    /** {@code {"discover": {"target", "context": [...]}}}. */
    QueryPlan discover(JsonNode input, String path, String using, VectorsConfig vectors, LookupFrom lookup,
                       SearchOptions options) {
        if (!JsonValues.present(input) || !input.isObject()) {
            throw VJVectorException.badRequest(path, "must be an object {\"target\": ..., \"context\": [...]}");
        }
        members(input, path, "target", "context");
        if (!JsonValues.present(input.get("target"))) {
            throw VJVectorException.badRequest(field(path, "target"), "is required");
        }
        if (!JsonValues.present(input.get("context"))) {
            throw VJVectorException.badRequest(field(path, "context"), "is required: a list of {\"positive\", \"negative\"} pairs");
        }
        return discover(input.get("target"), input.get("context"), path, using, vectors, lookup, options);
    }

    /** A discovery from its target and context (also the older {@code /points/discover} body); no target = context only. */
    QueryPlan discover(JsonNode target, JsonNode context, String path, String using, VectorsConfig vectors,
                       LookupFrom lookup, SearchOptions options) {
        return discover(target, context, path, field(path, "context"), using, vectors, lookup, options);
    }

    private QueryPlan discover(JsonNode target, JsonNode context, String path, String contextPath, String using,
                               VectorsConfig vectors, LookupFrom lookup, SearchOptions options) {
        int dimension = SearchReader.denseSize(vectors, using, field(path, "using"));
        List<ExampleVectors.Ref> refs = new ArrayList<>();
        boolean hasTarget = JsonValues.present(target);
        if (hasTarget) {
            refs.add(ref(target, field(path, "target"), dimension));
        }
        int pairs = pairs(context, contextPath, dimension, refs, !hasTarget);
        int first = hasTarget ? 1 : 0;
        Function<List<float[]>, ExampleQuery> build = v -> {
            List<ExampleQuery.Pair> list = new ArrayList<>(pairs);
            for (int i = 0; i < pairs; i++) {
                list.add(new ExampleQuery.Pair(v.get(first + 2 * i), v.get(first + 2 * i + 1)));
            }
            return hasTarget ? new ExampleQuery.Discover(v.get(0), list) : new ExampleQuery.Context(list);
        };
        return new QueryPlan.ByExamples(using, refs, build, lookup, options, kernels);
    }

    /**
     * {@code {"relevance_feedback": {"target", "feedback": [{"example", "score"}, ...], "strategy":
     * {"naive": {"a", "b", "c"}}}}}: the target and examples are ids or dense vectors of
     * {@code using}; ids among them are left out of the answer, as for the other example queries.
     */
    QueryPlan relevanceFeedback(JsonNode input, String path, String using, VectorsConfig vectors, LookupFrom lookup,
                                SearchOptions options) {
        if (!JsonValues.present(input) || !input.isObject()) {
            throw VJVectorException.badRequest(path,
                    "must be an object {\"target\": ..., \"feedback\": [...], \"strategy\": {\"naive\": ...}}");
        }
        members(input, path, "target", "feedback", "strategy");
        if (!JsonValues.present(input.get("target"))) {
            throw VJVectorException.badRequest(field(path, "target"), "is required");
        }
        JsonNode feedback = input.get("feedback");
        String feedbackPath = field(path, "feedback");
        if (!JsonValues.present(feedback) || !feedback.isArray()) {
            throw VJVectorException.badRequest(feedbackPath, "is required: a list of {\"example\": ..., \"score\": ...}");
        }
        float[] naive = naiveStrategy(input.get("strategy"), field(path, "strategy"));
        int dimension = SearchReader.denseSize(vectors, using, field(path, "using"));
        limits.points(feedback.size() + 1, feedbackPath);
        List<ExampleVectors.Ref> refs = new ArrayList<>();
        refs.add(ref(input.get("target"), field(path, "target"), dimension));
        float[] scores = new float[feedback.size()];
        for (int i = 0; i < feedback.size(); i++) {
            JsonNode item = feedback.get(i);
            String at = index(feedbackPath, i);
            if (!item.isObject() || !JsonValues.present(item.get("example")) || !JsonValues.present(item.get("score"))) {
                throw VJVectorException.badRequest(at, "must be {\"example\": ..., \"score\": ...}");
            }
            members(item, at, "example", "score");
            scores[i] = finite(item.get("score"), field(at, "score"));
            refs.add(ref(item.get("example"), field(at, "example"), dimension));
        }
        Function<List<float[]>, ExampleQuery> build = v -> {
            List<ExampleQuery.Judged> judged = new ArrayList<>(scores.length);
            for (int i = 0; i < scores.length; i++) {
                judged.add(new ExampleQuery.Judged(v.get(1 + i), scores[i]));
            }
            return ExampleQuery.RelevanceFeedback.naive(v.get(0), judged, naive[0], naive[1], naive[2]);
        };
        return new QueryPlan.ByExamples(using, refs, build, lookup, options, kernels);
    }

    /** {@code {"naive": {"a", "b", "c"}}}, the one strategy Qdrant defines: {@code [a, b, c]}. */
    private static float[] naiveStrategy(JsonNode strategy, String path) {
        if (!JsonValues.present(strategy)) {
            throw VJVectorException.badRequest(path, "is required: {\"naive\": {\"a\": ..., \"b\": ..., \"c\": ...}}");
        }
        if (!strategy.isObject() || strategy.size() != 1 || !strategy.has("naive")) {
            throw VJVectorException.badRequest(path, "must be {\"naive\": {\"a\": ..., \"b\": ..., \"c\": ...}}");
        }
        JsonNode naive = strategy.get("naive");
        String at = field(path, "naive");
        if (!naive.isObject()) {
            throw VJVectorException.badRequest(at, "must be an object {\"a\": ..., \"b\": ..., \"c\": ...}");
        }
        members(naive, at, "a", "b", "c");
        float[] abc = new float[3];
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < 3; i++) {
            if (!JsonValues.present(naive.get(names[i]))) {
                throw VJVectorException.badRequest(field(at, names[i]), "is required");
            }
            abc[i] = finite(naive.get(names[i]), field(at, names[i]));
        }
        return abc;
    }

    private static float finite(JsonNode n, String path) {
        if (!n.isNumber() || !Float.isFinite(n.floatValue())) {
            throw VJVectorException.format(path, "must be a finite number");
        }
        return n.floatValue();
    }

    /** {@code {"context": [{"positive", "negative"}, ...]}} (one pair may be given without a list). */
    QueryPlan context(JsonNode pairs, String path, String using, VectorsConfig vectors, LookupFrom lookup,
                      SearchOptions options) {
        return discover(null, pairs, path, path, using, vectors, lookup, options);
    }

    /** Reads context pairs into {@code refs} (positive, negative, ...) and returns how many there are. */
    private int pairs(JsonNode context, String path, int dimension, List<ExampleVectors.Ref> refs, boolean required) {
        List<JsonNode> items = new ArrayList<>();
        if (JsonValues.present(context)) {
            if (context.isArray()) {
                context.forEach(items::add);
            } else if (context.isObject()) {
                items.add(context);
            } else {
                throw VJVectorException.badRequest(path, "must be a list of {\"positive\": ..., \"negative\": ...} pairs");
            }
        }
        if (required && items.isEmpty()) {
            throw VJVectorException.badRequest(path, "at least one {\"positive\", \"negative\"} pair is required");
        }
        limits.points(items.size() * 2, path);
        for (int i = 0; i < items.size(); i++) {
            JsonNode pair = items.get(i);
            String at = context.isArray() ? index(path, i) : path;
            if (!pair.isObject() || !JsonValues.present(pair.get("positive")) || !JsonValues.present(pair.get("negative"))) {
                throw VJVectorException.badRequest(at, "must be {\"positive\": ..., \"negative\": ...}");
            }
            members(pair, at, "positive", "negative");
            refs.add(ref(pair.get("positive"), field(at, "positive"), dimension));
            refs.add(ref(pair.get("negative"), field(at, "negative"), dimension));
        }
        return items.size();
    }

    private List<ExampleVectors.Ref> refs(List<JsonNode> nodes, String path, int dimension) {
        List<ExampleVectors.Ref> out = new ArrayList<>();
        if (nodes != null) {
            limits.points(nodes.size(), path);
            for (int i = 0; i < nodes.size(); i++) {
                out.add(ref(nodes.get(i), index(path, i), dimension));
            }
        }
        return out;
    }

    private static ExampleVectors.Ref ref(JsonNode e, String path, int dimension) {
        if (e != null && (e.isArray() || e.isObject())) {
            return new ExampleVectors.Ref(null, VectorReader.read(e, path, dimension));
        }
        PointId id = PointIdReader.read(e, path);
        return new ExampleVectors.Ref(id, null);
    }

    /** {@code {"order_by": "key" | {key, direction, start_from}}}: the ordered scroll as a query. */
    static QueryPlan orderBy(JsonNode node, String path, SearchOptions options) {
        return new QueryPlan.Ordered(null, ScrollReader.orderBy(node, path), options.limit(), options.offset(),
                options.withPayload(), options.withVector());
    }

    /** {@code {"sample": "random"}}. */
    static QueryPlan sample(JsonNode node, String path, SearchOptions options) {
        if (!JsonValues.present(node) || !node.isTextual() || !node.textValue().equals("random")) {
            throw VJVectorException.badRequest(path, "must be \"random\"");
        }
        return new QueryPlan.RandomSample(null, options.limit(), options.withPayload(), options.withVector());
    }

    static void members(JsonNode node, String path, String... allowed) {
        List<String> names = List.of(allowed);
        node.fieldNames().forEachRemaining(name -> {
            if (!names.contains(name)) {
                throw VJVectorException.badRequest(field(path, name), "is not a member (" + String.join(", ", names) + ")");
            }
        });
    }
}
