package io.vjvector.collection;

/** Outcome of a write: Qdrant's {@code {"operation_id", "status": "completed"}}. */
public record UpdateResult(long operationId) {
}
