package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vjvector.api.request.VectorJson;

/** Body of {@code POST /collections/{name}/points/search/groups} (Qdrant's SearchGroupsRequest). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchGroupsBody(
        @JsonDeserialize(using = VectorJson.Deserializer.class) JsonNode vector,
        JsonNode filter,
        SearchParamsBody params,
        JsonNode withPayload,
        @JsonAlias("with_vectors") JsonNode withVector,
        Float scoreThreshold,
        String groupBy,
        Integer groupSize,
        Integer limit,
        JsonNode withLookup,
        JsonNode shardKey) {

    /** The search part, as the search endpoint takes it (no offset: groups have none). */
    public SearchBody search() {
        return new SearchBody(vector, filter, params, limit, null, withPayload, withVector, scoreThreshold, shardKey);
    }
}
