package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /collections/{name}/points/discover} (Qdrant's DiscoverRequest). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DiscoverBody(
        JsonNode target,
        JsonNode context,
        JsonNode filter,
        SearchParamsBody params,
        Integer limit,
        Integer offset,
        JsonNode withPayload,
        @JsonAlias("with_vectors") JsonNode withVector,
        String using,
        JsonNode lookupFrom,
        JsonNode shardKey) implements SearchOptionsBody {

    /** Discover requests have no score threshold. */
    @Override
    public Float scoreThreshold() {
        return null;
    }
}
