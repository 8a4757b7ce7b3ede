package io.vjvector.api.dto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vjvector.engine.point.PointId;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Qdrant's ScrollResult; {@code next_page_offset} is null on the last page. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScrollPage(
        List<RecordView> points,
        @JsonSerialize(using = PointIdSerializer.class) @Schema(oneOf = {Long.class, String.class}, nullable = true)
        PointId nextPageOffset) {
}
