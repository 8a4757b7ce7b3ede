package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Body of {@code POST /collections/{name}/points/batch} (Qdrant's UpdateOperations). */
public record UpdateOperationsBody(List<Operation> operations) {

    /** One operation: exactly one member is given, named as in Qdrant. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Operation(
            UpsertBody upsert,
            PointsSelectorBody delete,
            SetPayloadBody setPayload,
            SetPayloadBody overwritePayload,
            DeletePayloadBody deletePayload,
            PointsSelectorBody clearPayload,
            JsonNode updateVectors,
            JsonNode deleteVectors) {
    }
}
