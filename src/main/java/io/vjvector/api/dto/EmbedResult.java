package io.vjvector.api.dto;

import java.util.List;

/** Answer of {@code POST /embed}: one vector per input, in order. */
public record EmbedResult(String model, int dimension, List<float[]> vectors) {
}
