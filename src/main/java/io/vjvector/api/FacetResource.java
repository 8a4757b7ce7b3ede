package io.vjvector.api;

import io.vjvector.api.dto.FacetBody;
import io.vjvector.api.dto.FacetResult;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.request.FilterReader;
import io.vjvector.api.request.RequestLimits;
import io.vjvector.api.request.UnsupportedOptions;
import io.vjvector.collection.CollectionService;
import io.vjvector.error.VJVectorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Qdrant's facet, at {@code POST /collections/{name}/facet} (not under {@code /points}, as in
 * Qdrant): counts of the values of an indexed payload field among the points matching a filter.
 * Counts are always exact, so {@code exact} (accepted) changes nothing.
 */
@ConsistentRead
@Path("/collections/{collection_name}/facet")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Points")
public class FacetResource {

    static final int DEFAULT_LIMIT = 10;

    private final CollectionService service;
    private final FilterReader filters;
    private final RequestLimits limits;

    public FacetResource(CollectionService service, FilterReader filters, RequestLimits limits) {
        this.service = service;
        this.filters = filters;
        this.limits = limits;
    }

    @POST
    @Operation(summary = "Number of points per value of an indexed payload field (keyword, integer or bool)")
    public QdrantResponse<FacetResult> facet(@PathParam("collection_name") String name, FacetBody body) {
        if (body == null) {
            throw VJVectorException.badRequest("body", "a JSON object {\"key\": ...} is required");
        }
        if (body.key() == null || body.key().isEmpty()) {
            throw VJVectorException.badRequest("key", "is required: the payload key to count values of");
        }
        UnsupportedOptions.reject(body.shardKey(), "shard_key");
        int limit = limits.limit(body.limit(), "limit", DEFAULT_LIMIT);
        var filter = filters.read(body.filter(), "filter");
        return QdrantResponse.ok(FacetResult.of(service.facet(name, body.key(), filter, limit)));
    }
}
