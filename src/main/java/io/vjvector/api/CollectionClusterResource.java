package io.vjvector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.request.ShardOperationReader;
import io.vjvector.cluster.admin.ClusterAdmin;
import io.vjvector.cluster.admin.ClusterInfo;
import io.vjvector.error.VJVectorException;
import io.vjvector.tenant.TenantNamespace;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Qdrant's {@code GET} and {@code POST /collections/{name}/cluster}: where a collection's shard
 * copies are, and an operator's move, replication or drop of one. Names are the caller's
 * (tenant-scoped).
 */
@Path("/collections/{collection_name}/cluster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Distributed")
public class CollectionClusterResource {

    private final ClusterAdmin admin;
    private final Supplier<TenantNamespace> namespace;

    public CollectionClusterResource(ClusterAdmin admin, Supplier<TenantNamespace> namespace) {
        this.admin = admin;
        this.namespace = namespace;
    }

    @GET
    @Operation(summary = "Where the collection's shards are: local and remote copies with their states, transfers")
    public QdrantResponse<ClusterInfo.CollectionCluster> collection(@PathParam("collection_name") String name) {
        TenantNamespace ns = namespace.get();
        try {
            return QdrantResponse.ok(admin.collection(ns.internal(name)));
        } catch (VJVectorException e) {
            throw ns.externalize(e);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @WaitTimeout
    @Operation(summary = "Replicate, move or drop a shard copy (move_shard, replicate_shard, drop_replica)")
    public QdrantResponse<Boolean> update(@PathParam("collection_name") String name, JsonNode body) {
        TenantNamespace ns = namespace.get();
        try {
            admin.update(ns.internal(name), ShardOperationReader.read(body));
        } catch (VJVectorException e) {
            throw ns.externalize(e);
        }
        return QdrantResponse.ok(true);
    }
}
