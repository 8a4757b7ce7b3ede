package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.util.Map;

/**
 * Body of {@code PUT /collections/{name}} (Qdrant's CreateCollection). Options typed
 * {@link JsonNode} that VJVector does not implement are rejected when given.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateCollectionBody(
        JsonNode vectors,
        @Positive Integer shardNumber,
        String shardingMethod,
        @Positive Integer replicationFactor,
        @Positive Integer writeConsistencyFactor,
        Boolean onDiskPayload,
        @Valid HnswConfigBody hnswConfig,
        JsonNode walConfig,
        JsonNode optimizersConfig,
        JsonNode quantizationConfig,
        JsonNode sparseVectors,
        JsonNode strictModeConfig,
        JsonNode metadata,
        JsonNode initFrom,
        JsonNode textConfig,
        @JsonAnySetter Map<String, JsonNode> unknown) {
}
