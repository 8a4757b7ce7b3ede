package io.vjvector.api;

import io.vjvector.api.dto.AliasesList;
import io.vjvector.api.dto.ChangeAliasesBody;
import io.vjvector.api.dto.CollectionExistence;
import io.vjvector.api.dto.CollectionInfoView;
import io.vjvector.api.dto.CollectionsList;
import io.vjvector.api.dto.CreateCollectionBody;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.UpdateCollectionBody;
import io.vjvector.api.request.AliasActionsReader;
import io.vjvector.api.request.CollectionParamsReader;
import io.vjvector.collection.CollectionCopy;
import io.vjvector.collection.CollectionParams;
import io.vjvector.collection.CollectionService;
import io.vjvector.config.StorageConfig;
import io.vjvector.ops.metrics.ChangesCollections;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Qdrant's collection endpoints, with the alias endpoints under {@code /collections} (see {@link AliasesResource}). */
@Path("/collections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Collections")
public class CollectionsResource {

    private final CollectionService service;
    private final CollectionParamsReader params;
    private final long walSegmentBytes;

    public CollectionsResource(CollectionService service, CollectionParamsReader params, StorageConfig storage) {
        this.service = service;
        this.params = params;
        this.walSegmentBytes = storage.wal().segmentSize().asLongValue();
    }

    @GET
    @Operation(summary = "List collections")
    public QdrantResponse<CollectionsList> list() {
        return QdrantResponse.ok(CollectionsList.of(service.list()));
    }

    @PUT
    @Path("/{collection_name}")
    @ChangesCollections
    @WaitTimeout
    @Operation(summary = "Create a collection")
    public QdrantResponse<Boolean> create(@PathParam("collection_name") String name, @Valid CreateCollectionBody body) {
        // The service checks the name: the rules are the same for every role.
        CollectionParams created = params.create(body);
        String source = params.initFrom(body);
        if (source == null) {
            service.create(name, created);
        } else {
            CollectionCopy.createFrom(service, name, created, source);
        }
        return QdrantResponse.ok(true);
    }

    @GET
    @Path("/{collection_name}")
    @Operation(summary = "Collection settings and statistics")
    public QdrantResponse<CollectionInfoView> info(@PathParam("collection_name") String name) {
        return QdrantResponse.ok(CollectionInfoView.of(service.info(name), walSegmentBytes));
    }

    @GET
    @Path("/{collection_name}/exists")
    @Operation(summary = "Whether a collection exists")
    public QdrantResponse<CollectionExistence> exists(@PathParam("collection_name") String name) {
        return QdrantResponse.ok(new CollectionExistence(service.exists(name)));
    }

    @DELETE
    @Path("/{collection_name}")
    @ChangesCollections
    @WaitTimeout
    @Operation(summary = "Delete a collection; the result says whether it existed")
    public QdrantResponse<Boolean> delete(@PathParam("collection_name") String name) {
        return QdrantResponse.ok(service.delete(name));
    }

    @PATCH
    @Path("/{collection_name}")
    @WaitTimeout
    @Operation(summary = "Change replication, HNSW, optimizer and strict mode settings and metadata")
    public QdrantResponse<Boolean> update(@PathParam("collection_name") String name, @Valid UpdateCollectionBody body) {
        service.update(name, params.update(body));
        return QdrantResponse.ok(true);
    }

    @POST
    @Path("/aliases")
    @Tag(name = "Aliases")
    @WaitTimeout
    @Operation(summary = "Create, delete and rename aliases: the actions apply in order, all or none")
    public QdrantResponse<Boolean> updateAliases(ChangeAliasesBody body) {
        service.updateAliases(AliasActionsReader.read(body));
        return QdrantResponse.ok(true);
    }

    @GET
    @Path("/{collection_name}/aliases")
    @Tag(name = "Aliases")
    @Operation(summary = "The aliases of a collection")
    public QdrantResponse<AliasesList> aliases(@PathParam("collection_name") String name) {
        return QdrantResponse.ok(AliasesList.of(service.aliases(name)));
    }
}
