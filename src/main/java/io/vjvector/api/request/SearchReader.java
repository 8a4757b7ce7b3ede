package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.field;
import static io.vjvector.api.request.FieldPath.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.RecommendBody;
import io.vjvector.api.dto.SearchBody;
import io.vjvector.api.dto.SearchOptionsBody;
import io.vjvector.api.dto.SearchParamsBody;
import io.vjvector.collection.RecommendRequest;
import io.vjvector.collection.SearchOptions;
import io.vjvector.collection.SearchRequest;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.quantization.QuantizedSearch;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns search and recommend bodies into {@link SearchRequest} / {@link RecommendRequest}. A
 * {@code prefix} locates the body inside a batch ({@code searches[2]}) for error paths.
 */
@ApplicationScoped
public class SearchReader {

    private final FilterReader filters;
    private final RequestLimits limits;

    public SearchReader(FilterReader filters, RequestLimits limits) {
        this.filters = filters;
        this.limits = limits;
    }

    /**
     * {@code vector} is an array (the unnamed vector) or Qdrant's named form
     * {@code {"name": "...", "vector": ...}}.
     */
    public SearchRequest search(SearchBody body, VectorsConfig vectors, String prefix) {
        requireBody(body, prefix);
        UnsupportedOptions.reject(body.shardKey(), field(prefix, "shard_key"));
        JsonNode vector = body.vector();
        String at = field(prefix, "vector");
        String using = "";
        if (vector != null && vector.isObject() && vector.has("name")) {
            JsonNode name = vector.get("name");
            if (!name.isTextual() || vector.size() != 2 || !vector.has("vector")) {
                throw VJVectorException.badRequest(at, "must be a vector or {\"name\": \"...\", \"vector\": ...}");
            }
            using = name.textValue();
            vector = vector.get("vector");
            at = field(at, "vector");
        }
        if (vector == null || vector.isNull()) {
            throw VJVectorException.badRequest(at, "is required: a vector or {\"name\": \"...\", \"vector\": ...}");
        }
        return new SearchRequest(using, NamedVectorReader.query(vector, at, using, vectors),
                options(prefix, body, null));
    }

    public RecommendRequest recommend(RecommendBody body, VectorsConfig vectors, String prefix) {
        requireBody(body, prefix);
        UnsupportedOptions.reject(body.shardKey(), field(prefix, "shard_key"));
        UnsupportedOptions.reject(body.lookupFrom(), field(prefix, "lookup_from"));
        requireAverageVector(body.strategy(), field(prefix, "strategy"));
        String using = body.using() == null ? "" : body.using();
        int dimension = denseSize(vectors, using, field(prefix, "using"));
        Examples positive = examples(body.positive(), field(prefix, "positive"), dimension);
        Examples negative = examples(body.negative(), field(prefix, "negative"), dimension);
        if (positive.isEmpty()) {
            throw VJVectorException.badRequest(field(prefix, "positive"), "at least one positive example is required");
        }
        return new RecommendRequest(positive.ids(), positive.vectors(), negative.ids(), negative.vectors(),
                options(prefix, body, null), using);
    }

    /** The size of dense field {@code using}. */
    static int denseSize(VectorsConfig vectors, String using, String path) {
        VectorsConfig.DenseVector dense = vectors.dense().get(using);
        if (dense == null) {
            throw VJVectorException.badRequest(path, "Wrong input: Not existing vector name error: " + using);
        }
        return dense.size();
    }

    /** A prefetch's options: its own filter, params, threshold and limit; what to return is the outer query's. */
    SearchOptions prefetchOptions(String at, JsonNode p, int absentLimit, SearchOptions outer) {
        JsonNode limitNode = p.get("limit");
        Integer limit = null;
        if (JsonValues.present(limitNode)) {
            if (!limitNode.isIntegralNumber() || !limitNode.canConvertToInt()) {
                throw VJVectorException.format(field(at, "limit"), "must be an integer");
            }
            limit = limitNode.intValue();
        }
        Integer hnswEf = null;
        boolean exact = false;
        QuantizedSearch quantization = null;
        JsonNode params = p.get("params");
        if (JsonValues.present(params)) {
            String path = field(at, "params");
            if (!params.isObject()) {
                throw VJVectorException.format(path, "must be an object");
            }
            quantization = quantization(params.get("quantization"), field(path, "quantization"));
            UnsupportedOptions.reject(params.get("acorn"), field(path, "acorn"));
            JsonNode ef = params.get("hnsw_ef");
            if (JsonValues.present(ef)) {
                if (!ef.isIntegralNumber() || !ef.canConvertToInt()) {
                    throw VJVectorException.format(field(path, "hnsw_ef"), "must be an integer");
                }
                hnswEf = limits.hnswEf(ef.intValue(), field(path, "hnsw_ef"));
            }
            JsonNode exactNode = params.get("exact");
            if (JsonValues.present(exactNode) && !exactNode.isBoolean()) {
                throw VJVectorException.format(field(path, "exact"), "must be true or false");
            }
            exact = JsonValues.present(exactNode) && exactNode.booleanValue();
        }
        JsonNode threshold = p.get("score_threshold");
        if (JsonValues.present(threshold) && !threshold.isNumber()) {
            throw VJVectorException.format(field(at, "score_threshold"), "must be a number");
        }
        return new SearchOptions(
                filters.read(p.get("filter"), field(at, "filter")),
                limits.limit(limit, field(at, "limit"), absentLimit),
                0,
                RequestLimits.scoreThreshold(JsonValues.present(threshold) ? threshold.floatValue() : null,
                        field(at, "score_threshold")),
                hnswEf, exact, outer.withPayload(), outer.withVector(), quantization);
    }

    /**
     * Reads the options every kind of search shares.
     *
     * @param absentLimit limit when none is given; null makes {@code limit} required (search, recommend)
     */
    public SearchOptions options(String prefix, SearchOptionsBody body, Integer absentLimit) {
        Integer limit = body.limit();
        if (limit == null && absentLimit == null) {
            throw VJVectorException.badRequest(field(prefix, "limit"), "is required");
        }
        Integer hnswEf = null;
        boolean exact = false;
        QuantizedSearch quantization = null;
        SearchParamsBody params = body.params();
        if (params != null) {
            String at = field(prefix, "params");
            quantization = quantization(params.quantization(), field(at, "quantization"));
            UnsupportedOptions.reject(params.acorn(), field(at, "acorn"));
            hnswEf = limits.hnswEf(params.hnswEf(), field(at, "hnsw_ef"));
            exact = Boolean.TRUE.equals(params.exact());
        }
        return new SearchOptions(
                filters.read(body.filter(), field(prefix, "filter")),
                limits.limit(limit, field(prefix, "limit"), absentLimit == null ? 0 : absentLimit),
                limits.offset(body.offset(), field(prefix, "offset")),
                RequestLimits.scoreThreshold(body.scoreThreshold(), field(prefix, "score_threshold")),
                hnswEf,
                exact,
                ProjectionReader.withPayload(body.withPayload(), field(prefix, "with_payload"), WithPayload.NONE),
                ProjectionReader.withVector(body.withVector(), field(prefix, "with_vector"), false),
                quantization);
    }

    /**
     * Qdrant's {@code params.quantization} ({@code ignore}, {@code rescore}, {@code oversampling}),
     * absent members taking Qdrant's defaults (use the codes, rescore, oversampling 1).
     *
     * @return null when absent
     */
    static QuantizedSearch quantization(JsonNode node, String path) {
        if (!JsonValues.present(node)) {
            return null;
        }
        if (!node.isObject()) {
            throw VJVectorException.badRequest(path, "must be an object {\"ignore\", \"rescore\", \"oversampling\"}");
        }
        QuantizedSearch d = QuantizedSearch.DEFAULT;
        boolean ignore = d.ignore();
        boolean rescore = d.rescore();
        double oversampling = d.oversampling();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode v = node.get(name);
            switch (name) {
                case "ignore", "rescore" -> {
                    if (!v.isBoolean() && !v.isNull()) {
                        throw VJVectorException.format(field(path, name), "must be true or false");
                    }
                    if (v.isBoolean() && name.equals("ignore")) {
                        ignore = v.booleanValue();
                    } else if (v.isBoolean()) {
                        rescore = v.booleanValue();
                    }
                }
                case "oversampling" -> {
                    if (!v.isNull() && (!v.isNumber() || Double.isInfinite(v.doubleValue()))) {
                        throw VJVectorException.format(field(path, name), "must be a number of at least 1");
                    }
                    if (!v.isNull() && !(v.doubleValue() >= 1)) {
                        throw VJVectorException.atLeast(field(path, name), v.doubleValue(), 1.0);
                    }
                    if (!v.isNull()) {
                        oversampling = v.doubleValue();
                    }
                }
                default -> throw VJVectorException.badRequest(field(path, name),
                        "is not a member of quantization (ignore, rescore, oversampling)");
            }
        }
        return new QuantizedSearch(ignore, rescore, oversampling);
    }

    static void requireAverageVector(String strategy, String path) {
        if (strategy != null && !strategy.equals("average_vector")) {
            throw VJVectorException.badRequest(path, "only \"average_vector\" is supported");
        }
    }

    /** Recommend examples: point ids (looked up) or raw vectors, in any mix. */
    record Examples(List<PointId> ids, List<float[]> vectors) {

        boolean isEmpty() {
            return ids.isEmpty() && vectors.isEmpty();
        }
    }

    Examples examples(List<JsonNode> nodes, String path, int dimension) {
        List<PointId> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        if (nodes != null) {
            limits.points(nodes.size(), path);
            for (int i = 0; i < nodes.size(); i++) {
                JsonNode e = nodes.get(i);
                if (e != null && (e.isArray() || e.isObject())) {
                    vectors.add(VectorReader.read(e, index(path, i), dimension));
                } else {
                    ids.add(PointIdReader.read(e, index(path, i)));
                }
            }
        }
        return new Examples(ids, vectors);
    }

    private static void requireBody(Object body, String prefix) {
        if (body == null) {
            throw VJVectorException.badRequest(prefix.isEmpty() ? "body" : prefix, "a JSON object is required");
        }
    }
}
