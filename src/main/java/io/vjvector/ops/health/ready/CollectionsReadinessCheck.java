package io.vjvector.ops.health.ready;

import io.vjvector.ops.StartupState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: collections are loaded and requests will see all data. */
@Readiness
@ApplicationScoped
public class CollectionsReadinessCheck implements HealthCheck {

    private final StartupState startup;

    public CollectionsReadinessCheck(StartupState startup) {
        this.startup = startup;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("collections-loaded").status(startup.isReady()).build();
    }
}
