package io.vjvector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code vjvector.llm.*}: the OpenAI-compatible chat completion endpoint RAG answers with (Ollama
 * serves one too). Without a base URL, RAG returns the retrieved context and citations only.
 */
@ConfigMapping(prefix = "vjvector.llm")
public interface LlmConfig {

    /** Base URL up to and including {@code /v1}; absent: no LLM. */
    Optional<String> baseUrl();

    /** API key sent as a bearer token. */
    Optional<String> apiKey();

    /** Chat model name. */
    @WithDefault("gpt-4o-mini")
    String model();

    /** Longest wait for a whole answer (and, when streaming, between two tokens). */
    @WithDefault("60s")
    Duration timeout();

    /** Sampling temperature; low, because answers should stick to the context. */
    @WithDefault("0.1")
    double temperature();
}
