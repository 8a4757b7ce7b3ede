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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Wires collection snapshots to the local collections and the snapshots directory. Snapshot files
 * are sealed like the data files: encrypted under {@code vjvector.storage.encryption.key} when
 * one is set.
 */
public class SnapshotsProducer {

    private static final Logger LOG = Logger.getLogger(SnapshotsProducer.class);

    @Produces
    @ApplicationScoped
    CollectionSnapshots snapshots(SnapshotStorageConfig config, StorageConfig storage, CollectionService service,
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
}
