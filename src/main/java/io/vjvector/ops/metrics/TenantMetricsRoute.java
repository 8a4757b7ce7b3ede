package io.vjvector.ops.metrics;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vjvector.security.AuthMode;
import io.vjvector.security.Caller;
import io.vjvector.security.EndpointRules;
import io.vjvector.security.SecurityConfig;
import io.vjvector.tenant.TenantNamespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers {@code /q/metrics} and {@code /metrics} for a caller of a tenant with the
 * metrics {@link TenantMetrics} lets it see, in the format its {@code Accept} header asks for (as the
 * full endpoint answers: OpenMetrics or Prometheus text); callers without a tenant go on to the full metrics.
 * It runs right after the security gate (which has put the caller on the request), so no handler
 * that writes every tenant's metrics is reached by a tenant caller.
 */
@ApplicationScoped
public class TenantMetricsRoute {

    /** Just after the security gate (-10), before anything that reads a body. */
    private static final int ORDER = -9;

    private final PrometheusMeterRegistry prometheus;
    private final SecurityConfig security;

    public TenantMetricsRoute(PrometheusMeterRegistry prometheus, SecurityConfig security) {
        this.prometheus = prometheus;
        this.security = security;
    }

    void register(@Observes Router router) {
        if (security.authMode() == AuthMode.NONE) {
            return;
        }
        for (String path : EndpointRules.TENANT_METRICS_PATHS) {
            // Every method, not only GET: the metrics handler behind answers any, and a method without
            // an endpoint rule reaches it with an admin's permission (a tenant's admin too).
            router.route(path).order(ORDER).handler(this::handle);
        }
    }

    private void handle(RoutingContext rc) {
        Caller caller = rc.get(Caller.class.getName());
        if (caller == null || caller.tenant().isEmpty()) {
            rc.next();
            return;
        }
        TenantNamespace namespace = TenantNamespace.of(caller.tenant().get());
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        rc.vertx().executeBlocking(() -> TenantMetrics.render(namespace,
                prometheus.getPrometheusRegistry().metricFamilySamples(), accept), false).onComplete(done -> {
            if (done.failed()) {
                rc.fail(done.cause());
                return;
            }
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, done.result().contentType()).end(done.result().text());
        });
    }
}
