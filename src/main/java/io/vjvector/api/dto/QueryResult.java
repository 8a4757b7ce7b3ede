package io.vjvector.api.dto;

import java.util.List;

/** Qdrant's QueryResponse. */
public record QueryResult(List<ScoredPointView> points) {
}
