package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Qdrant's SearchParams. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchParamsBody(Integer hnswEf, Boolean exact, JsonNode quantization, Boolean indexedOnly, JsonNode acorn) {
}
