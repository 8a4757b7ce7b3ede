package io.vjvector.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * {@code vjvector_auth_rejections_total{status}}: requests refused by status (401, 403, 404 for a
 * switched-off endpoint, 429, 503 for a managed key a cluster node cannot check). Never tagged with a subject or key: metrics are not an audit log.
 */
final class RejectionMetrics {

    private final Map<Integer, Counter> counters;

    RejectionMetrics(MeterRegistry registry) {
        this.counters = Map.of(401, counter(registry, 401), 403, counter(registry, 403),
                404, counter(registry, 404), 429, counter(registry, 429), 503, counter(registry, 503));
    }

    void rejected(AuthFailure failure) {
        Counter counter = counters.get(failure.status());
        if (counter != null) {
            counter.increment();
        }
    }

    private static Counter counter(MeterRegistry registry, int status) {
        return Counter.builder("vjvector.auth.rejections").description("Requests refused by authentication,"
                + " authorization or rate limits").tag("status", Integer.toString(status)).register(registry);
    }
}
