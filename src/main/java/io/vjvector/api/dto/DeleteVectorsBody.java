package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Body of {@code POST /collections/{name}/points/vectors/delete} (Qdrant's DeleteVectors). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeleteVectorsBody(List<JsonNode> points, JsonNode filter, JsonNode vector, JsonNode shardKey) {
}
