package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.QueryBody;
import io.vjvector.collection.SearchOptions;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Qdrant's universal query. Supported: {@code query} as a vector, a point id,
 * {@code {"nearest": vector | id}} or {@code {"recommend": {positive, negative}}}; every other
 * query kind, prefetch and named vectors answer 400 naming the option.
 */
@ApplicationScoped
public class QueryReader {

    static final int DEFAULT_LIMIT = 10;
    private static final String RULE =
            "must be a vector, a point id, {\"nearest\": vector or id} or {\"recommend\": {\"positive\", \"negative\"}}";
    /** Qdrant query kinds VJVector does not implement, named in the error (a list: the first found is reported). */
    private static final List<String> UNSUPPORTED_KINDS = List.of("discover", "context", "order_by", "fusion", "rrf",
            "formula", "sample", "relevance_feedback");

    private final SearchReader searches;

    public QueryReader(SearchReader searches) {
        this.searches = searches;
    }

    public QueryPlan read(QueryBody body, int dimension, String prefix) {
        if (body == null) {
            throw VJVectorException.badRequest(prefix.isEmpty() ? "body" : prefix, "a JSON object is required");
        }
        UnsupportedOptions.reject(body.prefetch(), field(prefix, "prefetch"));
        UnsupportedOptions.reject(body.using(), field(prefix, "using"));
        UnsupportedOptions.reject(body.lookupFrom(), field(prefix, "lookup_from"));
        UnsupportedOptions.reject(body.shardKey(), field(prefix, "shard_key"));
        String at = field(prefix, "query");
        JsonNode query = body.query();
        if (!JsonValues.present(query)) {
            throw VJVectorException.badRequest(at, "is required; " + RULE);
        }
        SearchOptions options = searches.options(prefix, body, DEFAULT_LIMIT);
        if (query.isObject() && query.size() == 1 && query.has("recommend")) {
            return recommend(query.get("recommend"), field(at, "recommend"), dimension, options);
        }
        if (query.isObject() && query.has("nearest")) {
            if (query.size() > 1) {
                query.fieldNames().forEachRemaining(name -> {
                    if (!name.equals("nearest")) {
                        UnsupportedOptions.reject(query.get(name), field(at, name));
                    }
                });
            }
            return nearest(query.get("nearest"), field(at, "nearest"), dimension, options);
        }
        if (query.isObject()) {
            if (query.has("indices") || query.has("values")) {
                throw VJVectorException.badRequest(at, "sparse vectors are not supported");
            }
            for (String kind : UNSUPPORTED_KINDS) {
                if (query.has(kind)) {
                    throw VJVectorException.badRequest(field(at, kind), "is not supported by VJVector");
                }
            }
            throw VJVectorException.badRequest(at, RULE);
        }
        return nearest(query, at, dimension, options);
    }

    private static QueryPlan nearest(JsonNode target, String path, int dimension, SearchOptions options) {
        if (JsonValues.present(target) && (target.isArray() || target.isObject())) {
            return new QueryPlan.Nearest(options.search(VectorReader.read(target, path, dimension)));
        }
        PointId id = PointIdReader.read(target, path);
        return new QueryPlan.Recommend(options.recommend(List.of(id), List.of(), List.of(), List.of()));
    }

    private QueryPlan recommend(JsonNode input, String path, int dimension, SearchOptions options) {
        if (!JsonValues.present(input) || !input.isObject()) {
            throw VJVectorException.badRequest(path, "must be an object {\"positive\": [...], \"negative\": [...]}");
        }
        JsonNode strategy = input.get("strategy");
        SearchReader.requireAverageVector(JsonValues.present(strategy) ? strategy.asText() : null, field(path, "strategy"));
        SearchReader.Examples positive = searches.examples(list(input.get("positive"), field(path, "positive")),
                field(path, "positive"), dimension);
        SearchReader.Examples negative = searches.examples(list(input.get("negative"), field(path, "negative")),
                field(path, "negative"), dimension);
        if (positive.isEmpty()) {
            throw VJVectorException.badRequest(field(path, "positive"), "at least one positive example is required");
        }
        return new QueryPlan.Recommend(options.recommend(positive.ids(), positive.vectors(), negative.ids(),
                negative.vectors()));
    }

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
