package io.vjvector.embedding;

/**
 * What the embedding models are configured with ({@code vjvector.embeddings.*}).
 *
 * @param cacheBytes    memory budget of the embedding cache (0 disables it)
 * @param policy        timeouts, retries and circuit breaker of remote providers
 * @param openaiBaseUrl base URL of the OpenAI-compatible endpoint (up to and including {@code /v1}), or null
 * @param openaiApiKey  its key, or null
 * @param ollamaBaseUrl base URL of the Ollama server
 */
public record EmbeddingSettings(long cacheBytes, ProviderPolicy policy, String openaiBaseUrl, String openaiApiKey,
                                String ollamaBaseUrl) {

    /** A local-only setup: 64 MB cache, default policy, no OpenAI endpoint, Ollama on its default port. */
    public static final EmbeddingSettings DEFAULTS =
            new EmbeddingSettings(64L << 20, ProviderPolicy.DEFAULTS, null, null, "http://localhost:11434");
}
