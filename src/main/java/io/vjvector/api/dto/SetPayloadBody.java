package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Body of set ({@code POST}) and overwrite ({@code PUT}) {@code /collections/{name}/points/payload}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SetPayloadBody(JsonNode payload, List<JsonNode> points, JsonNode filter, String key, JsonNode shardKey) {
}
