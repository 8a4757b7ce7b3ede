package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.ScrollBody;
import io.vjvector.collection.OrderedScrollRequest;
import io.vjvector.collection.ScrollRequest;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.OrderBy;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads a scroll body; as in Qdrant, a page holds 10 points and payloads unless asked otherwise.
 * A body with {@code order_by} is read by {@link #readOrdered}.
 */
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
        UnsupportedOptions.reject(body.shardKey(), "shard_key");
        JsonNode offset = body.offset();
        PointId from = JsonValues.present(offset) ? PointIdReader.read(offset, "offset") : null;
        return new ScrollRequest(filters.read(body.filter(), "filter"),
                limits.limit(body.limit(), "limit", DEFAULT_LIMIT),
                from,
                ProjectionReader.withPayload(body.withPayload(), "with_payload", WithPayload.ALL),
                ProjectionReader.withVector(body.withVector(), "with_vector", false));
    }

    /**
     * A scroll in payload-value order, or null when the body has no {@code order_by}. As in
     * Qdrant, {@code order_by} is a key or {@code {"key", "direction": "asc"|"desc", "start_from"}},
     * and an id {@code offset} cannot go with it.
     */
    public OrderedScrollRequest readOrdered(ScrollBody body) {
        if (body == null || !JsonValues.present(body.orderBy())) {
            return null;
        }
        ScrollRequest plain = read(body);
        if (plain.offset() != null) {
            throw VJVectorException.badRequest("offset", "cannot be used with order_by: page with order_by.start_from"
                    + " and a filter excluding the ids already seen at that value");
        }
        return new OrderedScrollRequest(plain.filter(), plain.limit(), orderBy(body.orderBy()), plain.withPayload(),
                plain.withVector().any());
    }

    private static OrderBy orderBy(JsonNode node) {
        return orderBy(node, "order_by");
    }

    /** Qdrant's {@code order_by} at {@code path}: a key or {@code {"key", "direction", "start_from"}}. */
    static OrderBy orderBy(JsonNode node, String path) {
        if (node.isTextual()) {
            return new OrderBy(PayloadKeyReader.read(node.textValue(), path), false, null);
        }
        if (!node.isObject()) {
            throw VJVectorException.badRequest(path, "must be a payload key or {\"key\", \"direction\", \"start_from\"}");
        }
        JsonNode key = node.get("key");
        if (key == null || !key.isTextual()) {
            throw VJVectorException.badRequest(field(path, "key"), "is required: a payload key");
        }
        JsonNode direction = node.get("direction");
        boolean descending = false;
        if (JsonValues.present(direction)) {
            String d = direction.isTextual() ? direction.textValue() : "";
            if (!d.equals("asc") && !d.equals("desc")) {
                throw VJVectorException.badRequest(field(path, "direction"), "must be \"asc\" or \"desc\"");
            }
            descending = d.equals("desc");
        }
        JsonNode startFrom = node.get("start_from");
        if (JsonValues.present(startFrom) && !(startFrom.isNumber() || startFrom.isTextual())) {
            throw VJVectorException.badRequest(field(path, "start_from"), "must be a number or a datetime");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!name.equals("key") && !name.equals("direction") && !name.equals("start_from")) {
                throw VJVectorException.badRequest(field(path, name), "unknown field (expected key, direction, start_from)");
            }
        });
        return new OrderBy(PayloadKeyReader.read(key.textValue(), field(path, "key")), descending,
                JsonValues.present(startFrom) ? startFrom : null);
    }
}
