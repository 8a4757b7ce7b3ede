package io.vjvector.api;

import io.vjvector.api.dto.DeletePayloadBody;
import io.vjvector.api.dto.PointsSelectorBody;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.SetPayloadBody;
import io.vjvector.api.dto.UpdateStatus;
import io.vjvector.api.request.PayloadKeyReader;
import io.vjvector.api.request.PayloadReader;
import io.vjvector.api.request.SelectorReader;
import io.vjvector.api.request.UnsupportedOptions;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.PointSelector;
import io.vjvector.error.VJVectorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Qdrant's payload endpoints: set (merge), overwrite, delete keys, clear. */
@Path("/collections/{collection_name}/points/payload")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Points")
public class PayloadResource {

    private final CollectionService service;
    private final SelectorReader selectors;

    public PayloadResource(CollectionService service, SelectorReader selectors) {
        this.service = service;
        this.selectors = selectors;
    }

    @POST
    @Operation(summary = "Merge keys into the payload of points (at \"key\" when given)")
    public QdrantResponse<UpdateStatus> set(@PathParam("collection_name") String name, SetPayloadBody body) {
        requireBody(body);
        if (body.key() != null) {
            PayloadKeyReader.read(body.key(), "key");
        }
        var payload = PayloadReader.required(body.payload(), "payload");
        PointSelector selector = selectors.read(body.points(), body.filter(), body.shardKey(), "");
        return QdrantResponse.ok(UpdateStatus.of(service.setPayload(name, payload, selector, body.key())));
    }

    @PUT
    @Operation(summary = "Replace the whole payload of points")
    public QdrantResponse<UpdateStatus> overwrite(@PathParam("collection_name") String name, SetPayloadBody body) {
        requireBody(body);
        UnsupportedOptions.reject(body.key(), "key");
        var payload = PayloadReader.required(body.payload(), "payload");
        PointSelector selector = selectors.read(body.points(), body.filter(), body.shardKey(), "");
        return QdrantResponse.ok(UpdateStatus.of(service.overwritePayload(name, payload, selector)));
    }

    @POST
    @Path("/delete")
    @Operation(summary = "Remove keys from the payload of points")
    public QdrantResponse<UpdateStatus> deleteKeys(@PathParam("collection_name") String name, DeletePayloadBody body) {
        requireBody(body);
        List<String> keys = PayloadKeyReader.readAll(body.keys(), "keys");
        PointSelector selector = selectors.read(body.points(), body.filter(), body.shardKey(), "");
        return QdrantResponse.ok(UpdateStatus.of(service.deletePayload(name, keys, selector)));
    }

    @POST
    @Path("/clear")
    @Operation(summary = "Remove the whole payload of points")
    public QdrantResponse<UpdateStatus> clear(@PathParam("collection_name") String name, PointsSelectorBody body) {
        requireBody(body);
        PointSelector selector = selectors.read(body.points(), body.filter(), body.shardKey(), "");
        return QdrantResponse.ok(UpdateStatus.of(service.clearPayload(name, selector)));
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw VJVectorException.badRequest("body", "a JSON object is required");
        }
    }
}
