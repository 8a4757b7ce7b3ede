package io.vjvector.cluster.transport;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Shard replication between data nodes: {@code POST .../replication/apply} carries a leader's
 * batch to a follower, {@code POST .../replication/epoch-end/{epoch}} asks a leader where an epoch
 * ends in its log, {@code GET .../replication/transfer} streams a leader's copy to a follower that
 * must be re-created from it, and {@code POST .../replication/transfer-required/{log_start}} is
 * how a leader tells a follower so; {@code POST .../replication/handover} asks a leader to hand
 * its leadership over to another in-sync copy. Signed with the cluster secret like every internal call ({@link ClusterCallGate});
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

    @GET
    @Path("/transfer")
    @Blocking
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(hidden = true)
    public StreamingOutput transfer(@PathParam("collection") String collection, @PathParam("shard") int shardId) {
        ReplicationReceiver.Transfer transfer = receiver.transfer(collection, shardId);
        return transfer::writeTo;
    }

    @POST
    @Path("/transfer-required/{log_start}")
    @Blocking
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(hidden = true)
    public byte[] transferRequired(@PathParam("collection") String collection, @PathParam("shard") int shardId,
                                   @PathParam("log_start") long logStart) throws IOException {
        receiver.transferRequired(collection, shardId, logStart);
        return new byte[0];
    }

    @POST
    @Path("/handover")
    @Blocking
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(hidden = true)
    public byte[] handOver(@PathParam("collection") String collection, @PathParam("shard") int shardId)
            throws IOException {
        receiver.handOver(collection, shardId);
        return new byte[0];
    }
}
