package io.vjvector.api;

import io.vjvector.api.dto.AliasesList;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.collection.CollectionService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Qdrant's list of every alias. Changing aliases and a collection's aliases are under
 * {@code /collections} ({@link CollectionsResource}), whose paths they share.
 */
@Path("/aliases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Aliases")
public class AliasesResource {

    private final CollectionService service;

    public AliasesResource(CollectionService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Every alias and its collection")
    public QdrantResponse<AliasesList> list() {
        return QdrantResponse.ok(AliasesList.of(service.aliases()));
    }
}
