package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Body of {@code POST /collections/{name}/points} (Qdrant's PointRequest). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetrieveBody(
        List<JsonNode> ids,
        JsonNode withPayload,
        @JsonAlias("with_vectors") JsonNode withVector,
        JsonNode shardKey) {
}
