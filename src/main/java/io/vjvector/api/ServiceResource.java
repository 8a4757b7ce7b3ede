package io.vjvector.api;

import io.vjvector.api.dto.VersionInfo;
import io.vjvector.ops.StartupState;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Qdrant's service root and its cheap Kubernetes probes. The canonical probes are
 * {@code /q/health/live} and {@code /q/health/ready}; these aliases let Qdrant tooling probe us too.
 */
@Path("/")
@Tag(name = "Service")
public class ServiceResource {

    /**
     * The Qdrant REST API version VJVector follows. Clients accept a server whose major version is
     * equal and whose minor version is within one of theirs (@qdrant/js-client-rest 1.18 checks so).
     */
    public static final String QDRANT_API_VERSION = "1.18.0";
    static final String TITLE = "vjvector - vector search engine";
    private static final String PASSED = "healthz check passed";

    private final String version;
    private final StartupState startup;

    public ServiceResource(@ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version,
                           StartupState startup) {
        this.version = version;
        this.startup = startup;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Name and versions (not wrapped in the result envelope, as in Qdrant)")
    public VersionInfo root() {
        return new VersionInfo(TITLE, QDRANT_API_VERSION, version);
    }

    @GET
    @Path("/healthz")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Alias of the liveness probe")
    public String healthz() {
        return PASSED;
    }

    @GET
    @Path("/livez")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Alias of the liveness probe")
    public String livez() {
        return PASSED;
    }

    @GET
    @Path("/readyz")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Alias of the readiness probe: 503 until collections are loaded")
    public Response readyz() {
        return startup.isReady()
                ? Response.ok(PASSED).build()
                : Response.status(503).entity("collections are still loading").build();
    }
}
