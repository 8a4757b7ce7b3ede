package io.vjvector.api;

import io.vjvector.api.dto.CreateFieldIndexBody;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.UpdateStatus;
import io.vjvector.api.request.FieldIndexReader;
import io.vjvector.collection.CollectionService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Qdrant's payload field index endpoints. */
@OrderedWrite
@Path("/collections/{collection_name}/index")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Indexes")
public class IndexesResource {

    private final CollectionService service;

    public IndexesResource(CollectionService service) {
        this.service = service;
    }

    @PUT
    @Operation(summary = "Index a payload field (keyword, integer, float, bool, datetime, text, uuid, geo)")
    public QdrantResponse<UpdateStatus> create(@PathParam("collection_name") String name, CreateFieldIndexBody body) {
        FieldIndexReader.FieldIndex index = FieldIndexReader.read(body);
        return QdrantResponse.ok(UpdateStatus.of(service.createFieldIndex(name, index.key(), index.schema())));
    }

    @DELETE
    @Path("/{field_name}")
    @Operation(summary = "Drop a payload field index")
    public QdrantResponse<UpdateStatus> delete(@PathParam("collection_name") String name,
                                               @PathParam("field_name") String field) {
        return QdrantResponse.ok(UpdateStatus.of(service.deleteFieldIndex(name, field)));
    }
}
