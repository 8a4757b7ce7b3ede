package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.collection.PointRecord;
import io.vjvector.engine.point.PointId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Qdrant's Record (a point as read by retrieve and scroll). */
public record RecordView(
        @JsonSerialize(using = PointIdSerializer.class) @Schema(oneOf = {Long.class, String.class}) PointId id,
        ObjectNode payload,
        Object vector) {

    public static RecordView of(PointRecord r) {
        return new RecordView(r.id(), r.payload(), VectorsView.of(r.vectors()));
    }
}
