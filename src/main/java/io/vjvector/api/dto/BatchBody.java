package io.vjvector.api.dto;

import java.util.List;

/** A batch of searches, recommendations or queries: Qdrant's {@code {"searches": [...]}}. */
public record BatchBody<T>(List<T> searches) {
}
