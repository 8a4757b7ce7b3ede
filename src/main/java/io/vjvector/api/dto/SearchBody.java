package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vjvector.api.request.VectorJson;

/** Body of {@code POST /collections/{name}/points/search} (Qdrant's SearchRequest; {@code top} is its old name for limit). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchBody(
        @JsonDeserialize(using = VectorJson.Deserializer.class) JsonNode vector,
        JsonNode filter,
        SearchParamsBody params,
        @JsonAlias("top") Integer limit,
        Integer offset,
        JsonNode withPayload,
        @JsonAlias("with_vectors") JsonNode withVector,
        Float scoreThreshold,
        JsonNode shardKey) implements SearchOptionsBody {
}
