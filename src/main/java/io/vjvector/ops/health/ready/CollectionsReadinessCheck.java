package io.vjvector.ops.health.ready;

import io.vjvector.collection.CollectionService;
import io.vjvector.tenant.AllTenants;
import io.vjvector.ops.StartupState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: every collection found at start-up has been loaded (or has failed to load). A
 * collection that failed stays listed under {@code failed} in the check's data and answers 503
 * on its own; it does not hold the whole node out of service.
 */
@Readiness
@ApplicationScoped
public class CollectionsReadinessCheck implements HealthCheck {

    private final StartupState startup;
    private final CollectionService service;

    public CollectionsReadinessCheck(StartupState startup, @AllTenants CollectionService service) {
        this.startup = startup;
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("collections-loaded").status(startup.isReady());
        service.failedCollections().forEach((name, reason) -> response.withData("failed: " + name, reason));
        return response.build();
    }
}
