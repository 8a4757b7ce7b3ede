package io.vjvector.cluster.transport;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Shard replication between data nodes: {@code POST .../replication/apply} carries a leader's
 * batch to a follower, {@code POST .../replication/epoch-end/{epoch}} asks a leader where an epoch
 * ends in its log. Signed with the cluster secret like every internal call ({@link ClusterCallGate});
 * not user API.
 */
@Path("/internal/v1/collections/{collection}/shards/{shard}/replication")
public class ReplicationResource {

    private final ReplicationReceiver receiver;

    public ReplicationResource(ReplicationReceiver receiver) {
        this.receiver = receiver;
    }

    @POST
    @Path("/apply")
    @Blocking
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(hidden = true)
    public byte[] apply(@PathParam("collection") String collection, @PathParam("shard") int shardId, byte[] batch)
            throws IOException {
        return receiver.apply(collection, shardId, batch);
    }

    @POST
    @Path("/epoch-end/{epoch}")
    @Blocking
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(hidden = true)
    public byte[] epochEnd(@PathParam("collection") String collection, @PathParam("shard") int shardId,
                           @PathParam("epoch") long epoch) throws IOException {
        return receiver.epochEnd(collection, shardId, epoch);
    }
}
