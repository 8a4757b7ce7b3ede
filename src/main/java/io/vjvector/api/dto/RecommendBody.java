package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Body of {@code POST /collections/{name}/points/recommend}; examples are point ids or vectors. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecommendBody(
        List<JsonNode> positive,
        List<JsonNode> negative,
        String strategy,
        JsonNode filter,
        SearchParamsBody params,
        @JsonAlias("top") Integer limit,
        Integer offset,
        JsonNode withPayload,
        @JsonAlias("with_vectors") JsonNode withVector,
        Float scoreThreshold,
        String using,
        JsonNode lookupFrom,
        JsonNode shardKey) implements SearchOptionsBody {
}
