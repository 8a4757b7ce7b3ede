package io.vjvector.api.dto;

/** Qdrant's CountResult. */
public record CountResult(long count) {
}
