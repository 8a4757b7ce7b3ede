package io.vjvector.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.ClientProxy;
import io.vjvector.collection.CollectionService;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.snapshot.CollectionSnapshots;
import io.vjvector.collection.snapshot.SnapshotLocations;
import io.vjvector.collection.snapshot.SnapshotStore;
import io.vjvector.config.SnapshotStorageConfig;
import io.vjvector.config.StorageConfig;
import io.vjvector.engine.storage.Sealer;
import io.vjvector.security.AuthMode;
import io.vjvector.security.SecurityConfig;
import io.vjvector.tenant.AllTenants;
import io.vjvector.tenant.RequestNamespace;
import io.vjvector.tenant.TenantSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Wires collection snapshots to the local collections and the snapshots directory, and the
 * caller's tenant-scoped view of them. Snapshot files
 * are sealed like the data files: encrypted under {@code vjvector.storage.encryption.key} when
 * one is set.
 */
public class SnapshotsProducer {

    private static final Logger LOG = Logger.getLogger(SnapshotsProducer.class);

    @Produces
    @ApplicationScoped
    @AllTenants
    CollectionSnapshots snapshots(SnapshotStorageConfig config, StorageConfig storage, @AllTenants CollectionService service,
                                  ObjectMapper mapper) {
        // The injected service is a client proxy of the application-scoped bean.
        if (!(ClientProxy.unwrap(service) instanceof LocalCollectionService local)) {
            throw new IllegalStateException("snapshots need the collections of this process, not " + service.getClass());
        }
        SnapshotStore store = new SnapshotStore(config.snapshotsPath().orElse(storage.path().resolve("snapshots")));
        try {
            store.removeLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException("cleaning the snapshots directory " + store.root(), e);
        }
        LOG.infof("Snapshots directory: %s", store.root());
        SnapshotLocations locations = new SnapshotLocations(store, config.snapshotsRecoveryPaths().orElse(List.of()));
        return new CollectionSnapshots(local, store, locations, new Sealer(StorageSettingsFactory.keys(storage.encryption())), mapper,
                Clock.systemUTC());
    }

    /** The caller's view of the snapshots (see {@link TenantSnapshots}), as the collection service has one. */
    @Produces
    @ApplicationScoped
    TenantSnapshots callersView(@AllTenants CollectionSnapshots all, SecurityConfig security) {
        return new TenantSnapshots(all, security.authMode() == AuthMode.NONE
                ? RequestNamespace.global() : RequestNamespace.ofAuthenticatedCaller());
    }
}
