package io.vjvector.ops;

import io.vjvector.config.ClusterConfig;
import io.vjvector.config.StorageConfig;
import io.vjvector.config.VJVectorConfig;
import io.vjvector.security.ApiKeyStore;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The managed API keys, kept by role: a standalone node in {@code <vjvector.storage.path>/auth/api-keys.json},
 * a cluster node in etcd (shared by every node, so a key works and is revoked cluster-wide; refused
 * with 503 while the node cannot confirm its copy, see {@code vjvector.cluster.api-keys-max-staleness}).
 */
public class ApiKeyStoreProducer {

    private static final Duration MIN_STALENESS = Duration.ofMillis(100);

    @Produces
    @Singleton
    ApiKeyStore apiKeys(VJVectorConfig config, Instance<StorageConfig> storage, Instance<ClusterMembership> cluster,
                        ClusterConfig clusterConfig) {
        return switch (config.role()) {
            case STANDALONE -> {
                Path file = storage.get().path().resolve("auth").resolve("api-keys.json");
                try {
                    yield ApiKeyStore.open(file, Clock.systemUTC());
                } catch (IOException e) {
                    throw new UncheckedIOException("opening the API key store " + file, e);
                }
            }
            case GATEWAY, MASTER, REPLICA -> {
                Duration maxStaleness = clusterConfig.apiKeysMaxStaleness();
                if (maxStaleness.compareTo(MIN_STALENESS) < 0) {
                    throw new IllegalStateException("vjvector.cluster.api-keys-max-staleness must be at least "
                            + MIN_STALENESS.toMillis() + "ms (each node reads etcd four times per bound), not "
                            + maxStaleness.toMillis() + "ms");
                }
                try {
                    yield new ApiKeyStore(cluster.get().runtime().apiKeys(maxStaleness), Clock.systemUTC());
                } catch (IOException e) {
                    throw new UncheckedIOException("reading the cluster's API keys from etcd", e);
                }
            }
        };
    }
}
