package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /collections/{name}/points/count}; counts are always exact. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CountBody(JsonNode filter, Boolean exact, JsonNode shardKey) {
}
