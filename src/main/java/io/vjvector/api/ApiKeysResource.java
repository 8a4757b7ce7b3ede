package io.vjvector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.request.ApiKeyGrantReader;
import io.vjvector.error.VJVectorException;
import io.vjvector.security.ApiKeyInfo;
import io.vjvector.security.ApiKeyStore;
import io.vjvector.security.IssuedApiKey;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Managed API keys (admins only, see {@link io.vjvector.security.EndpointRules}): create one
 * (its secret is answered once and never again), list them without secrets, revoke one.
 */
@Path("/auth/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication")
public class ApiKeysResource {

    private final ApiKeyStore keys;

    public ApiKeysResource(ApiKeyStore keys) {
        this.keys = keys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key: {\"role\": admin|writer|reader, \"tenant\"?, \"collections\"?, \"expires_at\"?}")
    public QdrantResponse<IssuedApiKey> create(JsonNode body) {
        return QdrantResponse.ok(keys.create(ApiKeyGrantReader.read(body, Instant.now())));
    }

    @GET
    @Operation(summary = "Every API key's id, role, tenant, collections and expiry (never its secret)")
    public QdrantResponse<List<ApiKeyInfo>> list() {
        return QdrantResponse.ok(keys.list());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key: refused from the next request on")
    public QdrantResponse<Boolean> revoke(@PathParam("id") String id) {
        if (!keys.revoke(id)) {
            throw VJVectorException.notFound("API key " + id + " does not exist");
        }
        return QdrantResponse.ok(true);
    }
}
