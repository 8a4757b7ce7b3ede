package io.vjvector.api;

import io.vjvector.api.dto.CountBody;
import io.vjvector.api.dto.CountResult;
import io.vjvector.api.dto.DeleteVectorsBody;
import io.vjvector.api.dto.OrderedRecordView;
import io.vjvector.api.dto.OrderedScrollPage;
import io.vjvector.api.dto.PointsSelectorBody;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.RecordView;
import io.vjvector.api.dto.RetrieveBody;
import io.vjvector.api.dto.ScrollBody;
import io.vjvector.api.dto.ScrollPage;
import io.vjvector.api.dto.UpdateStatus;
import io.vjvector.api.dto.UpdateVectorsBody;
import io.vjvector.api.dto.UpsertBody;
import io.vjvector.api.request.FilterReader;
import io.vjvector.api.request.PointIdReader;
import io.vjvector.api.request.PointsReader;
import io.vjvector.api.request.PointsUpdateReader;
import io.vjvector.api.request.ProjectionReader;
import io.vjvector.api.request.ScrollReader;
import io.vjvector.api.request.SelectorReader;
import io.vjvector.api.request.UnsupportedOptions;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.OrderedScrollRequest;
import io.vjvector.collection.PointRecord;
import io.vjvector.collection.PointSelector;
import io.vjvector.collection.PointsUpdate;
import io.vjvector.collection.ScrollResult;
import io.vjvector.collection.VectorsConfig;
import io.vjvector.collection.WithPayload;
import io.vjvector.engine.point.PointId;
import io.vjvector.engine.shard.VectorSelection;
import io.vjvector.error.VJVectorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Qdrant's point endpoints: upsert, retrieve, delete, scroll, count. Writes are applied and
 * visible when they answer, so {@code ?wait=true} (accepted) changes nothing.
 */
@Path("/collections/{collection_name}/points")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Points")
public class PointsResource {

    private final CollectionService service;
    private final SelectorReader selectors;
    private final ScrollReader scrolls;
    private final FilterReader filters;
    private final PointsUpdateReader updates;

    public PointsResource(CollectionService service, PointsUpdateReader updates, SelectorReader selectors,
                          ScrollReader scrolls, FilterReader filters) {
        this.service = service;
        this.updates = updates;
        this.selectors = selectors;
        this.scrolls = scrolls;
        this.filters = filters;
    }

    @OrderedWrite
    @PUT
    @Operation(summary = "Insert or replace points (list or batch form)")
    public QdrantResponse<UpdateStatus> upsert(@PathParam("collection_name") String name, UpsertBody body) {
        VectorsConfig vectors = service.params(name).vectors();
        PointsUpdate.Upsert w = updates.upsert(body, vectors);
        return QdrantResponse.ok(UpdateStatus.of(w.updateFilter() == null
                ? service.upsert(name, w.points())
                : service.upsert(name, w.points(), w.updateFilter())));
    }

    @ConsistentRead
    @POST
    @Operation(summary = "Retrieve points by id")
    public QdrantResponse<List<RecordView>> retrieve(@PathParam("collection_name") String name, RetrieveBody body) {
        if (body == null) {
            throw VJVectorException.badRequest("body", "a JSON object {\"ids\": [...]} is required");
        }
        UnsupportedOptions.reject(body.shardKey(), "shard_key");
        List<PointId> ids = selectors.ids(body.ids(), "ids");
        WithPayload withPayload = ProjectionReader.withPayload(body.withPayload(), "with_payload", WithPayload.ALL);
        VectorSelection withVector = ProjectionReader.withVector(body.withVector(), "with_vector", false);
        return QdrantResponse.ok(views(service.retrieve(name, ids, withPayload, withVector)));
    }

    @ConsistentRead
    @GET
    @Path("/{id}")
    @Operation(summary = "One point with its payload and vector")
    public QdrantResponse<RecordView> get(@PathParam("collection_name") String name, @PathParam("id") String id) {
        PointId pointId = PointIdReader.fromPathSegment(id, "id");
        List<PointRecord> found = service.retrieve(name, List.of(pointId), WithPayload.ALL, VectorSelection.ALL);
        if (found.isEmpty()) {
            throw VJVectorException.notFound("Point with id " + pointId + " does not exist");
        }
        return QdrantResponse.ok(RecordView.of(found.get(0)));
    }

    @OrderedWrite
    @POST
    @Path("/delete")
    @Operation(summary = "Delete points by id or filter")
    public QdrantResponse<UpdateStatus> delete(@PathParam("collection_name") String name, PointsSelectorBody body) {
        return QdrantResponse.ok(UpdateStatus.of(service.deletePoints(name, selector(body))));
    }

    @ConsistentRead
    @POST
    @Path("/scroll")
    @Operation(summary = "Page through points in id order, or in the order of a payload field (order_by)")
    public QdrantResponse<?> scroll(@PathParam("collection_name") String name, ScrollBody body) {
        OrderedScrollRequest ordered = scrolls.readOrdered(body);
        if (ordered != null) {
            return QdrantResponse.ok(OrderedScrollPage.of(
                    service.scrollOrdered(name, ordered).stream().map(OrderedRecordView::of).toList()));
        }
        ScrollResult page = service.scroll(name, scrolls.read(body));
        return QdrantResponse.ok(new ScrollPage(views(page.points()), page.nextPageOffset()));
    }

    @ConsistentRead
    @POST
    @Path("/count")
    @Operation(summary = "Exact number of points matching a filter")
    public QdrantResponse<CountResult> count(@PathParam("collection_name") String name, CountBody body) {
        if (body != null) {
            UnsupportedOptions.reject(body.shardKey(), "shard_key");
        }
        long count = service.count(name, body == null ? null : filters.read(body.filter(), "filter"));
        return QdrantResponse.ok(new CountResult(count));
    }

    @OrderedWrite
    @PUT
    @Path("/vectors")
    @Operation(summary = "Set some vectors of existing points, keeping the others")
    public QdrantResponse<UpdateStatus> updateVectors(@PathParam("collection_name") String name,
                                                      UpdateVectorsBody body) {
        VectorsConfig vectors = service.params(name).vectors();
        return QdrantResponse.ok(UpdateStatus.of(service.updateVectors(name, updates.updateVectors(body, vectors))));
    }

    @OrderedWrite
    @POST
    @Path("/vectors/delete")
    @Operation(summary = "Remove named vectors from points")
    public QdrantResponse<UpdateStatus> deleteVectors(@PathParam("collection_name") String name,
                                                      DeleteVectorsBody body) {
        if (body == null) {
            throw VJVectorException.badRequest("body", "a JSON object {\"points\" or \"filter\", \"vector\": [names]} is required");
        }
        PointSelector selector = selectors.read(body.points(), body.filter(), body.shardKey(), "");
        return QdrantResponse.ok(UpdateStatus.of(service.deleteVectors(name, selector,
                PointsReader.vectorNames(body.vector(), "vector"))));
    }

    private PointSelector selector(PointsSelectorBody body) {
        if (body == null) {
            throw VJVectorException.badRequest("body", "a JSON object {\"points\": [...]} or {\"filter\": {...}} is required");
        }
        return selectors.read(body.points(), body.filter(), body.shardKey(), "");
    }

    private static List<RecordView> views(List<PointRecord> records) {
        return records.stream().map(RecordView::of).toList();
    }
}
