package io.vjvector.api.dto;

/** Qdrant's CollectionExistence. */
public record CollectionExistence(boolean exists) {
}
