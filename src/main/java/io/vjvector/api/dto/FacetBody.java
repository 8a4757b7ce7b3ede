package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /collections/{name}/points/facet} (Qdrant's FacetRequest). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FacetBody(String key, Integer limit, JsonNode filter, Boolean exact, JsonNode shardKey) {
}
