package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /collections/{name}/documents/search}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DocumentSearchBody(String query, Integer limit, JsonNode filter, String mode, String groupBy) {
}
