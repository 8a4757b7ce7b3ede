package io.vjvector.cluster.transport;

import io.smallrye.common.annotation.Blocking;
import io.vjvector.collection.LocalShardSource;
import io.vjvector.collection.ShardHandle;
import io.vjvector.collection.wire.ShardCall;
import io.vjvector.collection.wire.ShardEndpoint;
import io.vjvector.collection.wire.WireFormatException;
import io.vjvector.error.VJVectorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The receiving end of shard calls between nodes:
 * {@code POST /internal/v1/collections/{collection}/shards/{shard}/{call}} with a
 * {@link io.vjvector.collection.wire.ShardMessages} request as body, answered by
 * {@link ShardEndpoint} against this node's copy of the shard. Only callers with the cluster
 * credential get here ({@link ClusterCallGate}); it is not user API and stays out of the OpenAPI
 * document.
 *
 * <p>HTTP status 200 means the node answered; what the shard made of the call is in the reply
 * ({@code {"ok": ...}} or {@code {"error": {"kind", ...}}}), so an unknown collection, a loading
 * one or a write to a copy that does not lead comes back to the caller as the exception it is.
 * Other statuses are about the call itself (credential, body limit, an unknown call name).
 *
 * <p>Runs on a worker thread: a shard call searches, or appends to the write-ahead log and waits
 * for its fsync, neither of which may hold an event loop.
 */
@Path("/internal/v1/collections/{collection}/shards/{shard}/{call}")
public class ShardCallResource {

    /** The leader epoch the caller routed a write under (absent: none known). */
    public static final String EPOCH_HEADER = "X-VJVector-Epoch";

    private final LocalShardSource shards;
    private final ShardLeadership leadership;

    public ShardCallResource(LocalShardSource shards, ShardLeadership leadership) {
        this.shards = shards;
        this.leadership = leadership;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(hidden = true)
    public byte[] call(@PathParam("collection") String collection, @PathParam("shard") int shardId,
                       @PathParam("call") String callName, @HeaderParam(EPOCH_HEADER) Long epoch, byte[] request) {
        ShardCall call;
        try {
            call = ShardCall.of(callName);
        } catch (WireFormatException e) {
            throw VJVectorException.notFound("no shard call `" + callName + "` in this version");
        }
        try {
            ShardHandle shard = shards.localShard(collection, shardId);
            if (!call.isRead()) {
                leadership.checkWrite(collection, shardId, epoch == null ? ShardLeadership.NO_EPOCH : epoch);
            }
            return new ShardEndpoint(shard).handle(call, request);
        } catch (VJVectorException e) {
            return ShardEndpoint.errorReply(e);
        }
    }
}
