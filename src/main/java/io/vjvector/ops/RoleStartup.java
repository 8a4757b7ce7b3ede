package io.vjvector.ops;

import io.quarkus.runtime.StartupEvent;
import io.vjvector.collection.CollectionService;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.ops.metrics.CollectionPointsGauges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Brings the configured role up: refuses roles this version cannot run (start-up then fails with
 * the reason), opens the collection service, and marks the node ready.
 */
@ApplicationScoped
public class RoleStartup {

    private static final Logger LOG = Logger.getLogger(RoleStartup.class);

    void onStart(@Observes StartupEvent event, VJVectorConfig config, CollectionService service,
                 CollectionPointsGauges gauges, StartupState state) {
        config.role().requireAvailable();
        // Opening the service loads the collections; only then are requests answered with all data.
        int collections = service.list().size();
        gauges.refresh();
        state.markReady();
        LOG.infof("VJVector ready as %s with %d collection(s)", config.role().configName(), collections);
    }
}
