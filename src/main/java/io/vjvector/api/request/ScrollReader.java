package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.ScrollBody;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.point.PointId;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads a scroll body; as in Qdrant, a page holds 10 points and payloads unless asked otherwise. */
@ApplicationScoped
public class ScrollReader {

    static final int DEFAULT_LIMIT = 10;

    private final FilterReader filters;
    private final RequestLimits limits;

    public ScrollReader(FilterReader filters, RequestLimits limits) {
        this.filters = filters;
        this.limits = limits;
    }

    /** A missing body scrolls from the start with the defaults. */
    public ScrollRequest read(ScrollBody body) {
        if (body == null) {
            return new ScrollRequest(null, DEFAULT_LIMIT, null, WithPayload.ALL, false);
        }
        UnsupportedOptions.reject(body.orderBy(), "order_by");
        UnsupportedOptions.reject(body.shardKey(), "shard_key");
        JsonNode offset = body.offset();
        PointId from = JsonValues.present(offset) ? PointIdReader.read(offset, "offset") : null;
        return new ScrollRequest(filters.read(body.filter(), "filter"),
                limits.limit(body.limit(), "limit", DEFAULT_LIMIT),
                from,
                ProjectionReader.withPayload(body.withPayload(), "with_payload", WithPayload.ALL),
                ProjectionReader.withVector(body.withVector(), "with_vector", false));
    }
}
