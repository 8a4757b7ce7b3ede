package io.vjvector.ops;

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

/**
 * The managed API keys, kept by role: a standalone node in {@code <vjvector.storage.path>/auth/api-keys.json},
 * a cluster node in etcd (shared by every node, so a key works and is revoked cluster-wide).
 */
public class ApiKeyStoreProducer {

    @Produces
    @Singleton
    ApiKeyStore apiKeys(VJVectorConfig config, Instance<StorageConfig> storage, Instance<ClusterMembership> cluster) {
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
                try {
                    yield new ApiKeyStore(cluster.get().runtime().apiKeys(), Clock.systemUTC());
                } catch (IOException e) {
                    throw new UncheckedIOException("reading the cluster's API keys from etcd", e);
                }
            }
        };
    }
}
