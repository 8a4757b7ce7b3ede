package io.vjvector.embedding;

import java.time.Duration;

/**
 * How VJVector treats a remote model provider or LLM: each attempt is cut off after
 * {@code timeout}, failed attempts are retried {@code maxRetries} times {@code retryDelay} apart,
 * and a circuit breaker opens after {@code failureRatio} of the last {@code breakerWindow} calls
 * failed, answering 503 at once for {@code breakerDelay} instead of making callers wait on a
 * provider that is down.
 */
public record ProviderPolicy(Duration timeout, int maxRetries, Duration retryDelay, int breakerWindow,
                             double failureRatio, Duration breakerDelay) {

    /** Defaults: 30 s per attempt, 2 retries 200 ms apart, open after half of 10 calls fail, for 30 s. */
    public static final ProviderPolicy DEFAULTS =
            new ProviderPolicy(Duration.ofSeconds(30), 2, Duration.ofMillis(200), 10, 0.5, Duration.ofSeconds(30));
}
