package io.vjvector.cluster.transport;

import io.vjvector.config.ClusterConfig;
import java.time.Duration;

/**
 * How calls to other nodes are guarded ({@code vjvector.cluster.calls.*}, see
 * {@link ClusterConfig.Calls} for what each means).
 */
public record CallSettings(Duration timeout, int readRetries, Duration retryDelay, int bulkhead,
                           int breakerRequestVolume, double breakerFailureRatio, Duration breakerDelay,
                           int breakerSuccessThreshold) {

    public CallSettings {
        if (timeout.isNegative() || timeout.isZero() || readRetries < 0 || bulkhead < 1 || breakerRequestVolume < 1
                || breakerFailureRatio <= 0 || breakerFailureRatio > 1 || breakerSuccessThreshold < 1) {
            throw new IllegalArgumentException("invalid vjvector.cluster.calls settings: " + this);
        }
    }

    public static CallSettings from(ClusterConfig.Calls c) {
        return new CallSettings(c.timeout(), c.readRetries(), c.retryDelay(), c.bulkhead(),
                c.breaker().requestVolume(), c.breaker().failureRatio(), c.breaker().delay(),
                c.breaker().successThreshold());
    }
}
