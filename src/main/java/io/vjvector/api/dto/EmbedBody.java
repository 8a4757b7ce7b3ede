package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Body of {@code POST /embed}: texts to embed with a dense model ({@code options} as in an inference object). */
public record EmbedBody(String model, List<String> inputs, JsonNode options) {
}
