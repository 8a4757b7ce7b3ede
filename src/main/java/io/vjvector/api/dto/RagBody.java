package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of {@code POST /collections/{name}/rag}. */
public record RagBody(String question, Integer limit, JsonNode filter, Boolean stream) {
}
