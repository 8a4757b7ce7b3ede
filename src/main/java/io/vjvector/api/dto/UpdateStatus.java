package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vjvector.collection.UpdateResult;

/** Qdrant's UpdateResult; writes return once applied, so the status is always {@code completed}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateStatus(long operationId, String status) {

    public static UpdateStatus of(UpdateResult r) {
        return new UpdateStatus(r.operationId(), "completed");
    }
}
