package io.vjvector.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code vjvector.embeddings.*}: the embedding models' cache and remote providers. */
@ConfigMapping(prefix = "vjvector.embeddings")
public interface EmbeddingsConfig {

    /** Memory budget of the embedding cache, keyed by (model, text hash); 0 disables it. */
    @WithDefault("64M")
    MemorySize cacheSize();

    /** Longest wait for one call to a remote model; past it the caller gets 504. */
    @WithDefault("30s")
    Duration timeout();

    /** Retries of a failed remote call (each cut off by {@link #timeout()}). */
    @WithDefault("2")
    int maxRetries();

    /** How long an open circuit breaker answers 503 before trying the provider again. */
    @WithDefault("30s")
    Duration breakerDelay();

    /** An OpenAI-compatible {@code /v1/embeddings} endpoint for {@code openai/<model>}. */
    OpenAi openai();

    /** The Ollama server for {@code ollama/<model>}. */
    Ollama ollama();

    interface OpenAi {
        /** Base URL up to and including {@code /v1}; a request may give its own in {@code options.base_url}. */
        Optional<String> baseUrl();

        /** API key sent as a bearer token; a request may give its own in {@code options.api_key}. */
        Optional<String> apiKey();
    }

    interface Ollama {
        /** Base URL of the Ollama server. */
        @WithDefault("http://localhost:11434")
        String baseUrl();
    }
}
