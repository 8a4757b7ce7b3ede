package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Qdrant's PointsSelector: {@code {"points": [ids]}} or {@code {"filter": {...}}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PointsSelectorBody(List<JsonNode> points, JsonNode filter, JsonNode shardKey) {
}
