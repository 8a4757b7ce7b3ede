package io.vjvector.api;

import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.SnapshotRecoverBody;
import io.vjvector.api.dto.SnapshotView;
import io.vjvector.error.VJVectorException;
import io.vjvector.ops.metrics.ChangesCollections;
import io.vjvector.tenant.TenantSnapshots;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Qdrant's collection snapshot endpoints. Every operation completes before it answers, so
 * {@code ?wait} (accepted) changes nothing.
 */
@Path("/collections/{collection_name}/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Snapshots")
public class SnapshotsResource {

    private final TenantSnapshots snapshots;

    public SnapshotsResource(TenantSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @POST
    @Operation(summary = "Create a point-in-time snapshot of the collection (writes continue meanwhile)")
    public QdrantResponse<SnapshotView> create(@PathParam("collection_name") String name,
                                               @QueryParam("wait") Boolean wait) {
        return QdrantResponse.ok(SnapshotView.of(snapshots.create(name)));
    }

    @GET
    @Operation(summary = "List the collection's snapshots")
    public QdrantResponse<List<SnapshotView>> list(@PathParam("collection_name") String name) {
        return QdrantResponse.ok(snapshots.list(name).stream().map(SnapshotView::of).toList());
    }

    @GET
    @Path("/{snapshot_name}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(summary = "Download a snapshot file")
    public Response download(@PathParam("collection_name") String name, @PathParam("snapshot_name") String snapshot) {
        java.nio.file.Path file = snapshots.file(name, snapshot);
        return Response.ok(file.toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                // The name asked for: the stored file name starts with the stored (tenant-prefixed) collection name.
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + snapshot + "\"")
                .build();
    }

    @DELETE
    @Path("/{snapshot_name}")
    @Operation(summary = "Delete a snapshot file")
    public QdrantResponse<Boolean> delete(@PathParam("collection_name") String name,
                                          @PathParam("snapshot_name") String snapshot,
                                          @QueryParam("wait") Boolean wait) {
        snapshots.delete(name, snapshot);
        return QdrantResponse.ok(true);
    }

    @PUT
    @Path("/recover")
    @Consumes(MediaType.APPLICATION_JSON)
    @ChangesCollections
    @Operation(summary = "Restore a snapshot (a name or a file:// URL) into the collection, creating or replacing it")
    public QdrantResponse<Boolean> recover(@PathParam("collection_name") String name,
                                           @QueryParam("wait") Boolean wait, SnapshotRecoverBody body) {
        if (body == null) {
            throw VJVectorException.badRequest("location", "location is required: a snapshot name or a file:// URL");
        }
        snapshots.recover(name, body.location(), body.checksum(), body.priority());
        return QdrantResponse.ok(true);
    }

    @POST
    @Path("/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @ChangesCollections
    @Operation(summary = "Restore an uploaded snapshot file (form field `snapshot`), creating or replacing the collection")
    public QdrantResponse<Boolean> upload(@PathParam("collection_name") String name,
                                          @QueryParam("wait") Boolean wait,
                                          @QueryParam("priority") String priority,
                                          @QueryParam("checksum") String checksum,
                                          @RestForm("snapshot") FileUpload snapshot) {
        if (snapshot == null || snapshot.uploadedFile() == null) {
            throw VJVectorException.badRequest("snapshot", "the snapshot file is required as multipart form field `snapshot`");
        }
        snapshots.recoverUploaded(name, snapshot.uploadedFile(), checksum, priority);
        return QdrantResponse.ok(true);
    }
}
