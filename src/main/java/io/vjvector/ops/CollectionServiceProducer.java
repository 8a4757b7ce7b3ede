package io.vjvector.ops;

import io.vjvector.collection.CollectionService;
import io.vjvector.collection.LocalCollectionService;
import io.vjvector.collection.StorageSettings;
import io.vjvector.config.StorageConfig;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.engine.kernels.VectorKernels;
import io.vjvector.ops.metrics.StorageMetrics;
import io.vjvector.security.AuthMode;
import io.vjvector.security.SecurityConfig;
import io.vjvector.tenant.AllTenants;
import io.vjvector.tenant.RequestNamespace;
import io.vjvector.tenant.TenantCollections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * The collection service, chosen by role, in two views: {@link AllTenants} sees every tenant's
 * collections under their stored names (start-up, health, metrics, snapshots), and the
 * unqualified one, which every request-serving bean injects, shows the caller's tenant only
 * ({@link TenantCollections}). Kernels and storage settings are looked up lazily so that a role
 * that needs none never creates them.
 */
public class CollectionServiceProducer {

    private static final Logger LOG = Logger.getLogger(CollectionServiceProducer.class);

    @Produces
    @ApplicationScoped
    @AllTenants
    CollectionService collectionService(VJVectorConfig config, Instance<VectorKernels> kernels,
                                        Instance<StorageConfig> storage, Instance<StorageMetrics> metrics) {
        config.role().requireAvailable();
        return switch (config.role()) {
            case STANDALONE -> openLocal(kernels.get(), storage.get(), metrics.get());
            case GATEWAY, MASTER, REPLICA -> throw new IllegalStateException("unreachable: " + config.role());
        };
    }

    /**
     * The caller's view. With authentication off no caller has a tenant, but the view still
     * applies the alias rule (an alias and its collection belong to the same tenant).
     */
    @Produces
    @ApplicationScoped
    CollectionService callersView(@AllTenants CollectionService all, SecurityConfig security) {
        return new TenantCollections(all, security.authMode() == AuthMode.NONE
                ? RequestNamespace.global() : RequestNamespace.ofAuthenticatedCaller());
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
    void close(@Disposes @AllTenants CollectionService service) throws IOException {
        if (service instanceof LocalCollectionService local) {
            local.close();
        }
    }
}
