package io.vjvector.cluster.transport;

import io.smallrye.common.annotation.Blocking;
import io.vjvector.collection.LocalShardSource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /internal/v1/collections/{collection}/config-version}: the config version of the
 * collection's catalog entry this node's copy has applied, in decimal ({@code -1}: no copy here),
 * asked by a gateway that waits for a settings change to be in force. Signed like every internal
 * call ({@link ClusterCallGate}); not user API.
 */
@Path("/internal/v1/collections/{collection}/config-version")
public class CopyConfigResource {

    private final LocalShardSource shards;

    public CopyConfigResource(LocalShardSource shards) {
        this.shards = shards;
    }

    /** The path of this call for {@code collection}. */
    public static String path(String collection) {
        return "/internal/v1/collections/" + URLEncoder.encode(collection, StandardCharsets.UTF_8).replace("+", "%20")
                + "/config-version";
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String configVersion(@PathParam("collection") String collection) {
        return Long.toString(shards.configVersion(collection));
    }
}
