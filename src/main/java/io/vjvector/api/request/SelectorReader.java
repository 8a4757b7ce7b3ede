package io.vjvector.api.request;

import static io.vjvector.api.request.FieldPath.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.PointSelector;
import io.vjvector.engine.filter.Filter;
import io.vjvector.engine.point.PointId;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads which points an update applies to: a list of ids or a filter, exactly one of them. */
@ApplicationScoped
public class SelectorReader {

    private final FilterReader filters;
    private final RequestLimits limits;

    public SelectorReader(FilterReader filters, RequestLimits limits) {
        this.filters = filters;
        this.limits = limits;
    }

    public PointSelector read(List<JsonNode> points, JsonNode filter, JsonNode shardKey, String prefix) {
        UnsupportedOptions.reject(shardKey, field(prefix, "shard_key"));
        boolean hasFilter = JsonValues.present(filter);
        if ((points == null) == !hasFilter) {
            throw VJVectorException.badRequest(prefix.isEmpty() ? "body" : prefix,
                    "exactly one of \"points\" (a list of ids) or \"filter\" is required");
        }
        if (points != null) {
            limits.points(points.size(), field(prefix, "points"));
            return PointSelector.ids(PointIdReader.readAll(points, field(prefix, "points")));
        }
        Filter f = filters.read(filter, field(prefix, "filter"));
        return PointSelector.filter(f);
    }

    /** Point ids to read (retrieve); the same per-request limit applies. */
    public List<PointId> ids(List<JsonNode> ids, String path) {
        if (ids == null) {
            throw VJVectorException.badRequest(path, "is required: a list of point ids");
        }
        limits.points(ids.size(), path);
        return PointIdReader.readAll(ids, path);
    }
}
