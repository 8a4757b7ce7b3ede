package io.vjvector.api;

import io.vjvector.api.dto.BatchBody;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.QueryBody;
import io.vjvector.api.dto.QueryResult;
import io.vjvector.api.request.NamedVectorReader;
import io.vjvector.api.request.QueryReader;
import io.vjvector.api.request.RequestLimits;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.query.QueryPlan;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Qdrant's universal query endpoint (the subset described in {@link QueryReader}). */
@ConsistentRead
@Path("/collections/{collection_name}/points")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class QueryResource {

    private final CollectionService service;
    private final QueryReader reader;
    private final RequestLimits limits;

    public QueryResource(CollectionService service, QueryReader reader, RequestLimits limits) {
        this.service = service;
        this.reader = reader;
        this.limits = limits;
    }

    /** Non-blocking: read on the event loop, run there when a short nearest search ({@link ReadDispatch}). */
    @POST
    @Path("/query")
    @NonBlocking
    @Operation(summary = "Query by vector, point id, nearest or recommend")
    public Uni<QdrantResponse<QueryResult>> query(@PathParam("collection_name") String name, QueryBody body) {
        CollectionParams params = service.params(name);
        return ReadDispatch.run(body == null || !mentionsInference(body), () -> reader.read(body, params.vectors(), ""),
                plan -> service.readsInProcess() && ReadDispatch.isQuick(plan, params), plan -> QdrantResponse.ok(run(plan, name)));
    }

    @POST
    @Path("/query/batch")
    @NonBlocking
    @Operation(summary = "Several queries in one request")
    public Uni<QdrantResponse<List<QueryResult>>> queryBatch(@PathParam("collection_name") String name,
                                                             BatchBody<QueryBody> body) {
        CollectionParams[] params = new CollectionParams[1];
        boolean readHere = body == null || body.searches() == null
                || body.searches().stream().noneMatch(q -> q != null && mentionsInference(q));
        return ReadDispatch.run(readHere,
                () -> BatchReading.read(body, "is required: a list of queries", limits,
                        () -> (params[0] = service.params(name)).vectors(), reader::read),
                plans -> service.readsInProcess() && ReadDispatch.isQuickPlans(plans, params[0]),
                plans -> QdrantResponse.ok(plans.stream().map(p -> run(p, name)).toList()));
    }

    private static boolean mentionsInference(QueryBody body) {
        return NamedVectorReader.mentionsInference(body.query()) || NamedVectorReader.mentionsInference(body.prefetch());
    }

    private QueryResult run(QueryPlan plan, String name) {
        return new QueryResult(SearchResource.views(plan.run(service, name)));
    }
}
