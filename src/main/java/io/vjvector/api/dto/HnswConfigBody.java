package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;

/** Qdrant's HnswConfigDiff; null fields keep their current (or default) value; m = 0 means no graph. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HnswConfigBody(
        @Min(0) @Max(512) Integer m,
        @Min(4) @Max(4096) Integer efConstruct,
        @PositiveOrZero Integer fullScanThreshold,
        @PositiveOrZero Integer maxIndexingThreads,
        Boolean onDisk,
        Integer payloadM,
        Boolean inlineStorage,
        @JsonAnySetter Map<String, JsonNode> unknown) {
}
