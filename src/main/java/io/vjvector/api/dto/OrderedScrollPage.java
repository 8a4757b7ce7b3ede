package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Qdrant's ScrollResult of a scroll with {@code order_by}: {@code next_page_offset} is always null,
 * as in Qdrant (the next page starts from {@code order_by.start_from}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderedScrollPage(List<OrderedRecordView> points, Object nextPageOffset) {

    public static OrderedScrollPage of(List<OrderedRecordView> points) {
        return new OrderedScrollPage(points, null);
    }
}
