package io.vjvector.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vjvector.collection.PointGroup;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Qdrant's GroupsResult: {@code {"groups": [{"id", "hits", "lookup"?}]}}, best group first. */
public record GroupsResult(List<Group> groups) {

    /** One group: its value (string or integer), its hits best first, and the looked-up point if asked for and found. */
    public record Group(
            @Schema(oneOf = {String.class, Long.class}) Object id,
            List<ScoredPointView> hits,
            @JsonInclude(JsonInclude.Include.NON_NULL) RecordView lookup) {
    }

    public static GroupsResult of(List<PointGroup> groups) {
        return new GroupsResult(groups.stream().map(g -> new Group(g.id(),
                g.hits().stream().map(ScoredPointView::of).toList(),
                g.lookup() == null ? null : RecordView.of(g.lookup()))).toList());
    }
}
