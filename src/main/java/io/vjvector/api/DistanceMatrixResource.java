package io.vjvector.api;

import io.vjvector.api.dto.MatrixOffsets;
import io.vjvector.api.dto.MatrixPairs;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.SearchMatrixBody;
import io.vjvector.api.request.FilterReader;
import io.vjvector.api.request.RequestLimits;
import io.vjvector.api.request.UnsupportedOptions;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.DistanceMatrix;
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
 * Qdrant's distance matrix: a sample of the points matching a filter and, for each, its nearest
 * other sampled points. The sample is pseudo-random but reproducible: the same points give the
 * same sample (see {@link io.vjvector.engine.shard.PointSample}).
 */
@ConsistentRead
@Path("/collections/{collection_name}/points/search/matrix")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class DistanceMatrixResource {

    /** Qdrant's defaults: 10 sampled points, 3 neighbours each. */
    static final int DEFAULT_SAMPLE = 10;
    static final int DEFAULT_LIMIT = 3;

    private final CollectionService service;
    private final FilterReader filters;
    private final RequestLimits limits;

    public DistanceMatrixResource(CollectionService service, FilterReader filters, RequestLimits limits) {
        this.service = service;
        this.filters = filters;
        this.limits = limits;
    }

    @POST
    @Path("/pairs")
    @Operation(summary = "Nearest sampled neighbours of sampled points, as pairs")
    public QdrantResponse<MatrixPairs> pairs(@PathParam("collection_name") String name, SearchMatrixBody body) {
        return QdrantResponse.ok(MatrixPairs.of(matrix(name, body)));
    }

    @POST
    @Path("/offsets")
    @Operation(summary = "Nearest sampled neighbours of sampled points, as a sparse matrix")
    public QdrantResponse<MatrixOffsets> offsets(@PathParam("collection_name") String name, SearchMatrixBody body) {
        return QdrantResponse.ok(MatrixOffsets.of(matrix(name, body)));
    }

    private DistanceMatrix matrix(String name, SearchMatrixBody body) {
        SearchMatrixBody b = body != null ? body : new SearchMatrixBody(null, null, null, null, null);
        UnsupportedOptions.reject(b.shardKey(), "shard_key");
        UnsupportedOptions.reject(b.using(), "using");
        int sample = limits.limit(b.sample(), "sample", DEFAULT_SAMPLE);
        if (sample < 2) {
            throw VJVectorException.atLeast("sample", sample, 2);
        }
        int limit = limits.limit(b.limit(), "limit", DEFAULT_LIMIT);
        return service.searchMatrix(name, filters.read(b.filter(), "filter"), sample, limit);
    }
}
