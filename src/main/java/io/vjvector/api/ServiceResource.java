package io.vjvector.api;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.vjvector.api.dto.QdrantResponse;
import io.vjvector.api.dto.TelemetryView;
import io.vjvector.api.dto.VersionInfo;
import io.vjvector.collection.CollectionService;
import io.vjvector.tenant.AllTenants;
import io.vjvector.ops.StartupState;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Qdrant's service endpoints: the root, telemetry, Prometheus metrics and its cheap Kubernetes
 * probes. The canonical probes are {@code /q/health/live} and {@code /q/health/ready} and the
 * canonical metrics {@code /q/metrics}; these aliases let Qdrant tooling reach us too.
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

    /** Identifies this process in telemetry, as Qdrant's instance id does. */
    private final String id = UUID.randomUUID().toString();
    private final String started = Instant.now().toString();
    private final String version;
    private final StartupState startup;
    private final CollectionService collections;
    private final PrometheusMeterRegistry prometheus;

    public ServiceResource(@ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version,
                           StartupState startup, @AllTenants CollectionService collections, PrometheusMeterRegistry prometheus) {
        this.version = version;
        this.startup = startup;
        this.collections = collections;
        this.prometheus = prometheus;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Name and versions (not wrapped in the result envelope, as in Qdrant)")
    public VersionInfo root() {
        return new VersionInfo(TITLE, QDRANT_API_VERSION, null);
    }

    @GET
    @Path("/telemetry")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Instance id, application and collection count, in Qdrant's telemetry shape")
    public QdrantResponse<TelemetryView> telemetry() {
        return QdrantResponse.ok(new TelemetryView(id, new TelemetryView.App("vjvector", version, started),
                new TelemetryView.Collections(collections.list().size())));
    }

    @GET
    @Path("/metrics")
    @Produces(TextFormat.CONTENT_TYPE_004)
    @Operation(summary = "Prometheus metrics, the same as /q/metrics")
    public String metrics() {
        return prometheus.scrape();
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
