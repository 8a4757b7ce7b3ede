package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Answer of {@code GET /}, not wrapped in the envelope (as in Qdrant). Clients compare
 * {@code version} with their own major.minor, so it is the Qdrant API version VJVector follows;
 * {@code vjvector_version} is VJVector's own.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VersionInfo(String title, String version, String vjvectorVersion) {
}
