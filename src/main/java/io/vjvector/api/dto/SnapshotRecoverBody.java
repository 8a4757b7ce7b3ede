package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code PUT /collections/{name}/snapshots/recover} (Qdrant's {@code SnapshotRecover}).
 * {@code api_key} is accepted and unused: it is for fetching remote URLs, which this node refuses.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SnapshotRecoverBody(String location, String priority, String checksum, String apiKey) {
}
