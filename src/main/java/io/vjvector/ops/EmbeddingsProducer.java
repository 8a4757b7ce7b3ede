package io.vjvector.ops;

import io.quarkus.runtime.StartupEvent;
import io.vjvector.config.EmbeddingsConfig;
import io.vjvector.embedding.EmbeddingModels;
import io.vjvector.embedding.EmbeddingSettings;
import io.vjvector.embedding.ProviderPolicy;
import io.vjvector.inference.InferenceModels;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Builds the dense model registry from {@code vjvector.embeddings.*} and installs it where the
 * request readers find models ({@link InferenceModels}). Nothing is loaded here: the local model
 * loads when a request first uses it.
 */
public class EmbeddingsProducer {

    @Produces
    @Singleton
    EmbeddingModels embeddingModels(EmbeddingsConfig config) {
        ProviderPolicy policy = new ProviderPolicy(config.timeout(), config.maxRetries(), Duration.ofMillis(200),
                ProviderPolicy.DEFAULTS.breakerWindow(), ProviderPolicy.DEFAULTS.failureRatio(), config.breakerDelay());
        return new EmbeddingModels(new EmbeddingSettings(config.cacheSize().asLongValue(), policy,
                config.openai().baseUrl().orElse(null), config.openai().apiKey().orElse(null),
                config.ollama().baseUrl()));
    }

    void install(@Observes StartupEvent start, EmbeddingModels models) {
        InferenceModels.install(models);
    }
}
