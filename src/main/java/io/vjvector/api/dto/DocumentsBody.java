package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of {@code POST /collections/{name}/documents}: {@code {"documents": [{"id"?, "text", "metadata"?}]}}. */
public record DocumentsBody(JsonNode documents) {
}
