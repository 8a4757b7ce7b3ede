package io.vjvector.api;

import io.vjvector.api.dto.DeletePayloadBody;
import io.vjvector.api.dto.PointsSelectorBody;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.SetPayloadBody;
import io.vjvector.api.dto.UpdateStatus;
import io.vjvector.api.request.PointsUpdateReader;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.PointsUpdate;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Qdrant's payload endpoints: set (merge), overwrite, delete keys, clear. */
@OrderedWrite
@Path("/collections/{collection_name}/points/payload")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Points")
public class PayloadResource {

    private final CollectionService service;
    private final PointsUpdateReader reader;

    public PayloadResource(CollectionService service, PointsUpdateReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @POST
    @Operation(summary = "Merge keys into the payload of points (at \"key\" when given)")
    public QdrantResponse<UpdateStatus> set(@PathParam("collection_name") String name, SetPayloadBody body) {
        PointsUpdate.SetPayload w = reader.setPayload(body);
        return QdrantResponse.ok(UpdateStatus.of(service.setPayload(name, w.payload(), w.selector(), w.key())));
    }

    @PUT
    @Operation(summary = "Replace the whole payload of points")
    public QdrantResponse<UpdateStatus> overwrite(@PathParam("collection_name") String name, SetPayloadBody body) {
        PointsUpdate.OverwritePayload w = reader.overwritePayload(body);
        return QdrantResponse.ok(UpdateStatus.of(service.overwritePayload(name, w.payload(), w.selector())));
    }

    @POST
    @Path("/delete")
    @Operation(summary = "Remove keys from the payload of points")
    public QdrantResponse<UpdateStatus> deleteKeys(@PathParam("collection_name") String name, DeletePayloadBody body) {
        PointsUpdate.DeletePayload w = reader.deletePayload(body);
        return QdrantResponse.ok(UpdateStatus.of(service.deletePayload(name, w.keys(), w.selector())));
    }

    @POST
    @Path("/clear")
    @Operation(summary = "Remove the whole payload of points")
    public QdrantResponse<UpdateStatus> clear(@PathParam("collection_name") String name, PointsSelectorBody body) {
        return QdrantResponse.ok(UpdateStatus.of(service.clearPayload(name, reader.clearPayload(body).selector())));
    }
}
