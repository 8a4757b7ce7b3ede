package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.vjvector.api.request.VectorJson;

/** Body of {@code POST /collections/{name}/points/query/groups} (Qdrant's QueryGroupsRequest). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QueryGroupsBody(
        JsonNode prefetch,
        @JsonDeserialize(using = VectorJson.QueryDeserializer.class) JsonNode query,
        String using,
        JsonNode filter,
        SearchParamsBody params,
        Float scoreThreshold,
        @JsonAlias("with_vectors") JsonNode withVector,
        JsonNode withPayload,
        JsonNode lookupFrom,
        String groupBy,
        Integer groupSize,
        Integer limit,
        JsonNode withLookup,
        JsonNode shardKey) {

    /** The query part as {@code /points/query} takes it (no offset: groups have none). */
    public QueryBody query(Integer pageLimit) {
        return new QueryBody(prefetch, query, using, filter, params, scoreThreshold, pageLimit, null, withVector,
                withPayload, lookupFrom, shardKey);
    }

    /** The query part asking for {@code k} points with their whole payload (grouping reads it). */
    public QueryBody grouping(int k) {
        return new QueryBody(prefetch, query, using, filter, params, scoreThreshold, k, null, withVector,
                BooleanNode.TRUE, lookupFrom, shardKey);
    }
}
