package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /collections/{name}/points/scroll}; {@code offset} is a point id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScrollBody(
        JsonNode offset,
        Integer limit,
        JsonNode filter,
        JsonNode withPayload,
        @JsonAlias("with_vectors") JsonNode withVector,
        JsonNode orderBy,
        JsonNode shardKey) {
}
