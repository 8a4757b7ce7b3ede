package io.vjvector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.UpdateStatus;
import io.vjvector.api.request.VectorsConfigReader;
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

/**
 * Qdrant's schema operations on named vectors: add a dense or sparse vector to an existing
 * collection (every point lacks it until its vectors are updated), or drop one with every point's
 * value in it.
 */
@Path("/collections/{collection_name}/vectors/{vector_name}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Collections")
public class VectorNamesResource {

    private final CollectionService service;
    private final VectorsConfigReader reader;

    public VectorNamesResource(CollectionService service, VectorsConfigReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @PUT
    @Operation(summary = "Add a named vector: {\"dense\": {size, distance, ...}} or {\"sparse\": {modifier?}}")
    public QdrantResponse<UpdateStatus> create(@PathParam("collection_name") String name,
                                               @PathParam("vector_name") String vectorName, JsonNode body) {
        VectorsConfigReader.NewVector v = reader.newVector(vectorName, body);
        return QdrantResponse.ok(UpdateStatus.of(service.addVector(name, vectorName, v.dense(), v.sparse())));
    }

    @DELETE
    @Operation(summary = "Drop a named vector and every point's value in it")
    public QdrantResponse<UpdateStatus> delete(@PathParam("collection_name") String name,
                                               @PathParam("vector_name") String vectorName) {
        return QdrantResponse.ok(UpdateStatus.of(service.deleteVector(name, vectorName)));
    }
}
