package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code PUT /collections/{name}/index}: {@code field_schema} is a type name or {@code {"type": ...}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateFieldIndexBody(String fieldName, JsonNode fieldSchema) {
}
