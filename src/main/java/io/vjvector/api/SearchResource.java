package io.vjvector.api;

import io.vjvector.api.dto.BatchBody;
import io.vjvector.api.dto.DiscoverBody;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.RecommendBody;
import io.vjvector.api.dto.ScoredPointView;
import io.vjvector.api.dto.SearchBody;
import io.vjvector.api.request.NamedVectorReader;
import io.vjvector.api.request.QueryReader;
import io.vjvector.api.request.RequestLimits;
import io.vjvector.api.request.SearchReader;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.ScoredPoint;
import io.vjvector.collection.VectorsConfig;
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

/** Qdrant's search, recommend and discover endpoints, single and batch. A batch is checked whole before any search runs. */
@ConsistentRead
@Path("/collections/{collection_name}/points")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class SearchResource {

    private static final String REQUIRED = "is required: a list of requests";

    private final CollectionService service;
    private final SearchReader reader;
    private final RequestLimits limits;
    private final QueryReader queries;

    public SearchResource(CollectionService service, SearchReader reader, RequestLimits limits, QueryReader queries) {
        this.service = service;
        this.reader = reader;
        this.limits = limits;
        this.queries = queries;
    }

    /** Non-blocking: read on the event loop, run there when short ({@link ReadDispatch}). */
    @POST
    @Path("/search")
    @NonBlocking
    @Operation(summary = "Nearest neighbours of a vector")
    public Uni<QdrantResponse<List<ScoredPointView>>> search(@PathParam("collection_name") String name,
                                                              SearchBody body) {
        CollectionParams params = service.params(name);
        return ReadDispatch.run(body == null || !NamedVectorReader.mentionsInference(body.vector()),
                () -> reader.search(body, params.vectors(), ""), r -> service.readsInProcess() && ReadDispatch.isQuick(r, params),
                r -> QdrantResponse.ok(views(service.search(name, r))));
    }

    @POST
    @Path("/search/batch")
    @NonBlocking
    @Operation(summary = "Several searches in one request")
    public Uni<QdrantResponse<List<List<ScoredPointView>>>> searchBatch(@PathParam("collection_name") String name,
                                                                        BatchBody<SearchBody> body) {
        CollectionParams[] params = new CollectionParams[1];
        boolean readHere = body == null || body.searches() == null || body.searches().stream()
                .noneMatch(s -> s != null && NamedVectorReader.mentionsInference(s.vector()));
        return ReadDispatch.run(readHere,
                () -> BatchReading.read(body, REQUIRED, limits, () -> (params[0] = service.params(name)).vectors(),
                        reader::search),
                requests -> service.readsInProcess() && ReadDispatch.isQuickBatch(requests, params[0]),
                requests -> QdrantResponse.ok(requests.stream().map(r -> views(service.search(name, r))).toList()));
    }

    @POST
    @Path("/recommend")
    @Operation(summary = "Points like the positive examples and unlike the negative ones")
    public QdrantResponse<List<ScoredPointView>> recommend(@PathParam("collection_name") String name, RecommendBody body) {
        QueryPlan plan = queries.recommend(body, vectors(name), "");
        return QdrantResponse.ok(views(plan.run(service, name)));
    }

    @POST
    @Path("/recommend/batch")
    @Operation(summary = "Several recommendations in one request")
    public QdrantResponse<List<List<ScoredPointView>>> recommendBatch(@PathParam("collection_name") String name,
                                                                      BatchBody<RecommendBody> body) {
        List<QueryPlan> plans = BatchReading.read(body, REQUIRED, limits, () -> vectors(name), queries::recommend);
        return QdrantResponse.ok(plans.stream().map(p -> views(p.run(service, name))).toList());
    }

    @POST
    @Path("/discover")
    @Operation(summary = "Points in the zone the context pairs describe, nearest the target first")
    public QdrantResponse<List<ScoredPointView>> discover(@PathParam("collection_name") String name, DiscoverBody body) {
        QueryPlan plan = queries.discover(body, vectors(name), "");
        return QdrantResponse.ok(views(plan.run(service, name)));
    }

    @POST
    @Path("/discover/batch")
    @Operation(summary = "Several discoveries in one request")
    public QdrantResponse<List<List<ScoredPointView>>> discoverBatch(@PathParam("collection_name") String name,
                                                                     BatchBody<DiscoverBody> body) {
        List<QueryPlan> plans = BatchReading.read(body, REQUIRED, limits, () -> vectors(name), queries::discover);
        return QdrantResponse.ok(plans.stream().map(p -> views(p.run(service, name))).toList());
    }

    private VectorsConfig vectors(String name) {
        return service.params(name).vectors();
    }

    static List<ScoredPointView> views(List<ScoredPoint> points) {
        return points.stream().map(ScoredPointView::of).toList();
    }
}
