package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Body of {@code POST /collections/{name}/points/recommend/groups} (Qdrant's RecommendGroupsRequest). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecommendGroupsBody(
        List<JsonNode> positive,
        List<JsonNode> negative,
        String strategy,
        JsonNode filter,
        SearchParamsBody params,
        JsonNode withPayload,
        @JsonAlias("with_vectors") JsonNode withVector,
        Float scoreThreshold,
        String using,
        JsonNode lookupFrom,
        String groupBy,
        Integer groupSize,
        Integer limit,
        JsonNode withLookup,
        JsonNode shardKey) {

    /** The recommend part, as the recommend endpoint takes it (no offset: groups have none). */
    public RecommendBody recommend() {
        return new RecommendBody(positive, negative, strategy, filter, params, limit, null, withPayload, withVector,
                scoreThreshold, using, lookupFrom, shardKey);
    }
}
