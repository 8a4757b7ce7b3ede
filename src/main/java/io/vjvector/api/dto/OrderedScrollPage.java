package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Qdrant's ScrollResult of a scroll with {@code order_by}: {@code next_page_offset} is always null,
 * as in Qdrant (the next page starts from {@code order_by.start_from}).
 * Registered for reflection by hand: the scroll endpoint answers either page type, so this one
 * does not appear in its signature, where Quarkus looks for what a native image must serialize.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderedScrollPage(List<OrderedRecordView> points, Object nextPageOffset) {

    public static OrderedScrollPage of(List<OrderedRecordView> points) {
        return new OrderedScrollPage(points, null);
    }
}
