package io.vjvector.api.dto;

import io.vjvector.engine.filter.FacetHit;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Qdrant's FacetResponse: {@code {"hits": [{"value", "count"}]}}, most frequent first. */
public record FacetResult(List<Hit> hits) {

    /** One value (string, integer or boolean) and the number of points holding it. */
    public record Hit(@Schema(oneOf = {String.class, Long.class, Boolean.class}) Object value, long count) {
    }

    public static FacetResult of(List<FacetHit> hits) {
        return new FacetResult(hits.stream().map(h -> new Hit(h.value(), h.count())).toList());
    }
}
