package io.vjvector.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.collection.GroupRequest;
import io.vjvector.collection.WithPayload;
import io.vjvector.error.VJVectorException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the grouping part of Qdrant's search and recommend groups bodies: {@code group_by} (a
 * payload key), {@code group_size} and {@code limit} (both required, at least 1) and
 * {@code with_lookup} (a collection name, or {@code {"collection", "with_payload", "with_vectors"}}
 * whose payload is returned unless asked otherwise and vectors are not).
 */
@ApplicationScoped
public class GroupsReader {

    private final RequestLimits limits;

    public GroupsReader(RequestLimits limits) {
        this.limits = limits;
    }

    public GroupRequest read(String groupBy, Integer groupSize, Integer limit, JsonNode withLookup) {
        if (groupBy == null) {
            throw VJVectorException.badRequest("group_by", "is required: the payload key to group by");
        }
        if (groupBy.isEmpty()) {
            // Qdrant declares a length of at least 1 on group_by (422), as on its other ranges.
            throw VJVectorException.validation("group_by", "must be at least 1 characters");
        }
        PayloadKeyReader.read(groupBy, "group_by");
        if (groupSize == null) {
            throw VJVectorException.badRequest("group_size", "is required");
        }
        if (limit == null) {
            throw VJVectorException.badRequest("limit", "is required");
        }
        int size = limits.limit(groupSize, "group_size", 0);
        int groups = limits.limit(limit, "limit", 0);
        limits.groupedPoints(size, groups, "group_size");
        return new GroupRequest(groupBy, size, groups, lookup(withLookup));
    }

    private static GroupRequest.Lookup lookup(JsonNode node) {
        if (!JsonValues.present(node)) {
            return null;
        }
        if (node.isTextual()) {
            return new GroupRequest.Lookup(node.textValue(), WithPayload.ALL, false);
        }
        if (!node.isObject() || !node.path("collection").isTextual()) {
            throw VJVectorException.badRequest("with_lookup.collection", "is required: the collection to look group ids up in");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!name.equals("collection") && !name.equals("with_payload") && !name.equals("with_vectors")
                    && !name.equals("with_vector")) {
                throw VJVectorException.badRequest("with_lookup." + name,
                        "unknown field (expected collection, with_payload, with_vectors)");
            }
        });
        JsonNode vectors = node.has("with_vectors") ? node.get("with_vectors") : node.get("with_vector");
        return new GroupRequest.Lookup(node.get("collection").textValue(),
                ProjectionReader.withPayload(node.get("with_payload"), "with_lookup.with_payload", WithPayload.ALL),
                ProjectionReader.withVector(vectors, "with_lookup.with_vectors", false).any());
    }
}
