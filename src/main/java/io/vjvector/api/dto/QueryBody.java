package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vjvector.api.request.VectorJson;

/** Body of {@code POST /collections/{name}/points/query} (Qdrant's universal QueryRequest). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QueryBody(
        JsonNode prefetch,
        @JsonDeserialize(using = VectorJson.QueryDeserializer.class) JsonNode query,
        String using,
        JsonNode filter,
        SearchParamsBody params,
        Float scoreThreshold,
        Integer limit,
        Integer offset,
        @JsonAlias("with_vectors") JsonNode withVector,
        JsonNode withPayload,
        JsonNode lookupFrom,
        JsonNode shardKey) implements SearchOptionsBody {
}
