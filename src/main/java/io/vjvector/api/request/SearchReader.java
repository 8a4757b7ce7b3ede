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
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
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

    public SearchRequest search(SearchBody body, int dimension, String prefix) {
        requireBody(body, prefix);
        UnsupportedOptions.reject(body.shardKey(), field(prefix, "shard_key"));
        JsonNode vector = body.vector();
        if (vector != null && vector.isObject() && vector.has("vector") && vector.has("name")) {
            throw VJVectorException.badRequest(field(prefix, "vector"), "named vectors are not supported; send an array of "
                    + dimension + " numbers");
        }
        float[] v = VectorReader.read(vector, field(prefix, "vector"), dimension);
        return options(prefix, body, null).search(v);
    }

    public RecommendRequest recommend(RecommendBody body, int dimension, String prefix) {
        requireBody(body, prefix);
        UnsupportedOptions.reject(body.shardKey(), field(prefix, "shard_key"));
        UnsupportedOptions.reject(body.lookupFrom(), field(prefix, "lookup_from"));
        UnsupportedOptions.reject(body.using(), field(prefix, "using"));
        requireAverageVector(body.strategy(), field(prefix, "strategy"));
        Examples positive = examples(body.positive(), field(prefix, "positive"), dimension);
        Examples negative = examples(body.negative(), field(prefix, "negative"), dimension);
        if (positive.isEmpty()) {
            throw VJVectorException.badRequest(field(prefix, "positive"), "at least one positive example is required");
        }
        return options(prefix, body, null).recommend(positive.ids(), positive.vectors(), negative.ids(), negative.vectors());
    }

    /**
     * Reads the options every kind of search shares.
     *
     * @param absentLimit limit when none is given; null makes {@code limit} required (search, recommend)
     */
    SearchOptions options(String prefix, SearchOptionsBody body, Integer absentLimit) {
        Integer limit = body.limit();
        if (limit == null && absentLimit == null) {
            throw VJVectorException.badRequest(field(prefix, "limit"), "is required");
        }
        Integer hnswEf = null;
        boolean exact = false;
        SearchParamsBody params = body.params();
        if (params != null) {
            String at = field(prefix, "params");
            UnsupportedOptions.reject(params.quantization(), field(at, "quantization"));
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
                ProjectionReader.withVector(body.withVector(), field(prefix, "with_vector"), false));
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
