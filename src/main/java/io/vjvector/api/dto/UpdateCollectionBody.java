package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.util.Map;

/** Body of {@code PATCH /collections/{name}} (Qdrant's UpdateCollection). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateCollectionBody(
        JsonNode vectors,
        JsonNode optimizersConfig,
        @Valid Params params,
        @Valid HnswConfigBody hnswConfig,
        JsonNode quantizationConfig,
        JsonNode sparseVectors,
        JsonNode strictModeConfig,
        JsonNode metadata,
        @JsonAnySetter Map<String, JsonNode> unknown) {

    /** Qdrant's CollectionParamsDiff. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Params(
            @Positive Integer replicationFactor,
            @Positive Integer writeConsistencyFactor,
            Integer readFanOutFactor,
            Integer readFanOutDelayMs,
            Boolean onDiskPayload,
            @JsonAnySetter Map<String, JsonNode> unknown) {
    }
}
