package io.vjvector.ops;

import io.vjvector.collection.CollectionService;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.StorageSettings;
import io.vjvector.config.StorageConfig;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.ops.metrics.StorageMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * The one {@link CollectionService} the resources call, chosen by role. Kernels and storage
 * settings are looked up lazily so that a role that needs none never creates them.
 */
public class CollectionServiceProducer {

    private static final Logger LOG = Logger.getLogger(CollectionServiceProducer.class);

    @Produces
    @ApplicationScoped
    CollectionService collectionService(VJVectorConfig config, Instance<VectorKernels> kernels,
                                        Instance<StorageConfig> storage, Instance<StorageMetrics> metrics) {
        config.role().requireAvailable();
        return switch (config.role()) {
            case STANDALONE -> openLocal(kernels.get(), storage.get(), metrics.get());
            case GATEWAY, MASTER, REPLICA -> throw new IllegalStateException("unreachable: " + config.role());
        };
    }

    private static LocalCollectionService openLocal(VectorKernels kernels, StorageConfig config, StorageMetrics metrics) {
        StorageSettings settings = StorageSettingsFactory.from(config);
        LOG.infof("Data directory %s (fsync=%s, checkpoint every %s or %d MiB of log, encryption %s)",
                settings.root().toAbsolutePath(), config.fsync().name().toLowerCase(java.util.Locale.ROOT),
                settings.checkpointInterval(), settings.checkpointLogBytes() >> 20,
                settings.wal().keys().encrypts() ? "on, key id " + settings.wal().keys().currentKeyId() : "off");
        try {
            return LocalCollectionService.open(kernels, settings, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the data directory " + settings.root().toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    /** At shutdown: checkpoint (if configured) and close every shard's log. */
    void close(@Disposes CollectionService service) throws IOException {
        if (service instanceof LocalCollectionService local) {
            local.close();
        }
    }
}
