package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /collections/{name}/points/search/matrix/{pairs,offsets}} (Qdrant's SearchMatrixRequest). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchMatrixBody(Integer sample, Integer limit, JsonNode filter, String using, JsonNode shardKey) {
}
