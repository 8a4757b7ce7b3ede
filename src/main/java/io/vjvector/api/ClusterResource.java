package io.vjvector.api;

import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.cluster.admin.ClusterAdmin;
import io.vjvector.cluster.admin.ClusterInfo;
import io.vjvector.tenant.TenantNamespace;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Qdrant's {@code GET /cluster} and VJVector's fuller view ({@code GET /cluster/vjvector}), which
 * lists only the caller's (tenant's) collections; the per-collection endpoints are
 * {@link CollectionClusterResource}'s.
 */
@Path("/cluster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Distributed")
public class ClusterResource {

    private final ClusterAdmin admin;
    private final Supplier<TenantNamespace> namespace;

    public ClusterResource(ClusterAdmin admin, Supplier<TenantNamespace> namespace) {
        this.admin = admin;
        this.namespace = namespace;
    }

    @GET
    @Operation(summary = "Cluster status: disabled on a standalone node, else this node's peer id and the live peers")
    public QdrantResponse<ClusterInfo.Status> status() {
        return QdrantResponse.ok(admin.status());
    }

    @GET
    @Path("/vjvector")
    @Operation(summary = "Every node (role, URL, start) and every shard (leader, epoch, copies, in-sync set, replication lag,"
            + " replication factor and copies waiting for a live data node)")
    public QdrantResponse<ClusterInfo.Overview> overview() {
        TenantNamespace ns = namespace.get();
        ClusterInfo.Overview all = admin.overview(shard -> ns.owns(shard.collection()));
        return QdrantResponse.ok(new ClusterInfo.Overview(all.revision(), all.thisNode(), all.nodes(),
                all.shards().stream().map(s -> new ClusterInfo.Shard(ns.external(s.collection()), s.shardId(), s.leader(),
                        s.epoch(), s.replicas(), s.inSync(), s.dead(), s.replication(), s.replicationFactor(),
                        s.unplacedCopies())).toList()));
    }
}
