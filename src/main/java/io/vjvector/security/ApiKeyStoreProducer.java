package io.vjvector.security;

import io.vjvector.config.StorageConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/** Opens the managed API keys at {@code <vjvector.storage.path>/auth/api-keys.json}. */
public class ApiKeyStoreProducer {

    @Produces
    @Singleton
    ApiKeyStore apiKeys(StorageConfig storage) {
        Path file = storage.path().resolve("auth").resolve("api-keys.json");
        try {
            return ApiKeyStore.open(file, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("opening the API key store " + file, e);
        }
    }
}
