package io.vjvector.ops;

import io.quarkus.runtime.StartupEvent;
import io.vjvector.collection.CollectionService;
import io.vjvector.tenant.AllTenants;
import io.vjvector.config.ClusterConfig;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.ops.metrics.CollectionPointsGauges;
import io.vjvector.security.FailClosed;
import io.vjvector.security.SecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Brings the configured role up: refuses a cluster role without authentication or cluster secret
 * ({@link FailClosed}; start-up then fails with the reason), opens the collection service (in a
 * cluster role: joins the cluster through etcd), and marks the node ready once the collections found
 * at start-up are loaded (loading runs in the background, so HTTP is up meanwhile and the
 * collections still loading answer 503).
 */
@ApplicationScoped
public class RoleStartup {

    private static final Logger LOG = Logger.getLogger(RoleStartup.class);

    void onStart(@Observes StartupEvent event, VJVectorConfig config, @AllTenants CollectionService service,
                 CollectionPointsGauges gauges, StartupState state, SecurityConfig security,
                 ClusterConfig cluster) {
        FailClosed.check(config.role(), security.authMode(), cluster.secret());
        int collections = service.list().size();
        gauges.refresh();
        service.loaded().whenComplete((ok, error) -> {
            Map<String, String> failed = service.failedCollections();
            state.markReady();
            if (failed.isEmpty()) {
                LOG.infof("VJVector ready as %s with %d collection(s)", config.role().configName(), collections);
            } else {
                LOG.errorf("VJVector ready as %s with %d collection(s); %d failed to load and answer 503: %s",
                        config.role().configName(), collections, failed.size(), failed);
            }
        });
    }
}
