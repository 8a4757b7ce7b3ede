package io.vjvector.api;

import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.UpdateOperationsBody;
import io.vjvector.api.dto.UpdateStatus;
import io.vjvector.api.request.PointsUpdateReader;
import io.vjvector.collection.CollectionService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Qdrant's batch update: upserts, deletes and payload changes applied in order, one result each.
 * The whole batch is read and checked first; a write failing while applied (a payload change of
 * an absent id) leaves the earlier ones applied, as in Qdrant.
 */
@OrderedWrite
@Path("/collections/{collection_name}/points/batch")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Points")
public class BatchUpdateResource {

    private final CollectionService service;
    private final PointsUpdateReader reader;

    public BatchUpdateResource(CollectionService service, PointsUpdateReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @POST
    @Operation(summary = "Several point and payload writes in one request, applied in order")
    public QdrantResponse<List<UpdateStatus>> batch(@PathParam("collection_name") String name,
                                                    UpdateOperationsBody body) {
        var updates = reader.batch(body, () -> service.params(name).vectors());
        return QdrantResponse.ok(service.update(name, updates).stream().map(UpdateStatus::of).toList());
    }
}
