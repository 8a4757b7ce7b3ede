package io.vjvector.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.ClientProxy;
import io.vjvector.cluster.gateway.ClusterSnapshots;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.snapshot.CollectionSnapshots;
import io.vjvector.collection.snapshot.SnapshotLocations;
import io.vjvector.collection.snapshot.SnapshotStore;
import io.vjvector.collection.snapshot.Snapshots;
import io.vjvector.config.Role;
import io.vjvector.config.SnapshotStorageConfig;
import io.vjvector.config.StorageConfig;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.engine.storage.Sealer;
import io.vjvector.security.AuthMode;
import io.vjvector.security.SecurityConfig;
import io.vjvector.tenant.AllTenants;
import io.vjvector.tenant.RequestNamespace;
import io.vjvector.tenant.TenantSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Wires collection snapshots to the collections and the snapshots directory (a standalone node's
 * own collections, or a cluster's through {@link ClusterSnapshots} on every cluster role), and
 * the caller's tenant-scoped view of them. Snapshot files
 * are sealed like the data files: encrypted under {@code vjvector.storage.encryption.key} when
 * one is set.
 */
public class SnapshotsProducer {

    private static final Logger LOG = Logger.getLogger(SnapshotsProducer.class);

    @Produces
    @ApplicationScoped
    @AllTenants
    Snapshots snapshots(SnapshotStorageConfig config, StorageConfig storage, VJVectorConfig vjvector,
                        @AllTenants CollectionService service, Instance<VectorKernels> kernels, ObjectMapper mapper) {
        SnapshotStore store = new SnapshotStore(config.snapshotsPath().orElse(storage.path().resolve("snapshots")));
        try {
            store.removeLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException("cleaning the snapshots directory " + store.root(), e);
        }
        LOG.infof("Snapshots directory: %s", store.root());
        SnapshotLocations locations = new SnapshotLocations(store, config.snapshotsRecoveryPaths().orElse(List.of()));
        Sealer sealer = new Sealer(StorageSettingsFactory.keys(storage.encryption()));
        if (vjvector.role() != Role.STANDALONE) {
            // The service is the cluster's (a gateway's view of every collection): see ClusterSnapshots.
            return new ClusterSnapshots(service, kernels.get(), store, locations, sealer, mapper, Clock.systemUTC());
        }
        // The injected service is a client proxy of the application-scoped bean.
        if (!(ClientProxy.unwrap(service) instanceof LocalCollectionService local)) {
            throw new IllegalStateException("snapshots need the collections of this process, not " + service.getClass());
        }
        return new CollectionSnapshots(local, store, locations, sealer, mapper, Clock.systemUTC());
    }

    /** The caller's view of the snapshots (see {@link TenantSnapshots}), as the collection service has one. */
    @Produces
    @ApplicationScoped
    TenantSnapshots callersView(@AllTenants Snapshots all, SecurityConfig security) {
        return new TenantSnapshots(all, security.authMode() == AuthMode.NONE
                ? RequestNamespace.global() : RequestNamespace.ofAuthenticatedCaller());
    }
}
