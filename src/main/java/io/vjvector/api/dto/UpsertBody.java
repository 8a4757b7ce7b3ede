package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vjvector.api.request.VectorJson;
import java.util.List;

/**
 * Body of {@code PUT /collections/{name}/points}: either the list form {@code {"points": [...]}}
 * or the column form {@code {"batch": {"ids", "vectors", "payloads"}}}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpsertBody(
        List<PointBody> points,
        Batch batch,
        JsonNode shardKey,
        JsonNode updateFilter,
        String updateMode) {

    /** Ids and payloads stay JSON so each element can be checked and reported by position. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PointBody(JsonNode id, @JsonDeserialize(using = VectorJson.Deserializer.class) JsonNode vector, JsonNode payload) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Batch(List<JsonNode> ids, @JsonDeserialize(using = VectorJson.Deserializer.class) JsonNode vectors,
                        List<JsonNode> payloads) {
    }
}
