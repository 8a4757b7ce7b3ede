package io.vjvector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.request.ApiKeyGrantReader;
import io.vjvector.error.VJVectorException;
import io.vjvector.security.ApiKeyGrant;
import io.vjvector.security.ApiKeyInfo;
import io.vjvector.security.ApiKeyStore;
import io.vjvector.security.Caller;
import io.vjvector.security.CurrentCaller;
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
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Managed API keys (admins only, see {@link io.vjvector.security.EndpointRules}): create one
 * (its secret is answered once and never again), list them without secrets, revoke one. An admin
 * of a tenant manages its tenant's keys only: the keys it creates belong to its tenant, and it
 * neither lists nor revokes any other (they answer 404 as unknown ids do).
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
        ApiKeyGrant grant = ApiKeyGrantReader.read(body, Instant.now());
        Optional<String> tenant = callerTenant();
        if (tenant.isPresent()) {
            if (grant.tenant().isPresent() && !grant.tenant().equals(tenant)) {
                throw VJVectorException.badRequest("tenant", "a caller of a tenant creates keys of its own tenant only");
            }
            grant = new ApiKeyGrant(grant.role(), tenant, grant.collections(), grant.expiresAt());
        }
        return QdrantResponse.ok(keys.create(grant));
    }

    @GET
    @Operation(summary = "Every API key's id, role, tenant, collections and expiry (never its secret)")
    public QdrantResponse<List<ApiKeyInfo>> list() {
        return QdrantResponse.ok(keys.list().stream().filter(this::visible).toList());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key: refused from the next request on")
    public QdrantResponse<Boolean> revoke(@PathParam("id") String id) {
        // Another tenant's key is as unknown as a key that does not exist.
        boolean mine = keys.list().stream().anyMatch(k -> k.id().equals(id) && visible(k));
        if (!mine || !keys.revoke(id)) {
            throw VJVectorException.notFound("API key " + id + " does not exist");
        }
        return QdrantResponse.ok(true);
    }

    /** A caller of a tenant manages that tenant's keys only; a caller without one manages every key. */
    private boolean visible(ApiKeyInfo key) {
        return callerTenant().map(t -> t.equals(key.tenant())).orElse(true);
    }

    private static Optional<String> callerTenant() {
        return CurrentCaller.get().flatMap(Caller::tenant);
    }
}
