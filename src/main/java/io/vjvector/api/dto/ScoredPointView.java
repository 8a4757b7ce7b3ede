package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.engine.point.PointId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Qdrant's ScoredPoint; {@code payload} and {@code vector} are null when not requested, as in Qdrant. */
public record ScoredPointView(
        @JsonSerialize(using = PointIdSerializer.class) @Schema(oneOf = {Long.class, String.class}) PointId id,
        long version,
        float score,
        ObjectNode payload,
        Object vector) {

    public static ScoredPointView of(ScoredPoint p) {
        return new ScoredPointView(p.id(), p.version(), p.score(), p.payload(), VectorsView.of(p.vectors()));
    }
}
