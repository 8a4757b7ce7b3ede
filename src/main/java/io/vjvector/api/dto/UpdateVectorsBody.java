package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vjvector.api.request.VectorJson;
import java.util.List;

/** Body of {@code PUT /collections/{name}/points/vectors} (Qdrant's UpdateVectors). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateVectorsBody(List<PointVectorsBody> points, JsonNode shardKey, JsonNode updateFilter) {

    /** One point's new vectors: {@code {"id", "vector"}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PointVectorsBody(JsonNode id, @JsonDeserialize(using = VectorJson.Deserializer.class) JsonNode vector) {
    }
}
