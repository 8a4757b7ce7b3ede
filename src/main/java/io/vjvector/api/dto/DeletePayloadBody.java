package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Body of {@code POST /collections/{name}/points/payload/delete}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeletePayloadBody(List<String> keys, List<JsonNode> points, JsonNode filter, JsonNode shardKey) {
}
