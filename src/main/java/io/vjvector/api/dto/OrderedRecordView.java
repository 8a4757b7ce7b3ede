package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vjvector.collection.OrderedRecord;
import io.vjvector.engine.point.PointId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Qdrant's Record as a scroll with {@code order_by} returns it: with the value it was ordered by. * Registered for reflection by hand: the scroll endpoint answers either page type, so this one
 * does not appear in its signature, where Quarkus looks for what a native image must serialize.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderedRecordView(
        @JsonSerialize(using = PointIdSerializer.class) @Schema(oneOf = {Long.class, String.class}) PointId id,
        ObjectNode payload,
        float[] vector,
        @Schema(oneOf = {Long.class, Double.class}) Number orderValue) {

    public static OrderedRecordView of(OrderedRecord r) {
        return new OrderedRecordView(r.record().id(), r.record().payload(), r.record().vector(), r.orderValue());
    }
}
