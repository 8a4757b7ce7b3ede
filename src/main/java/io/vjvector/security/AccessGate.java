package io.vjvector.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Decides, from the method, path and headers alone, whether a request may go on: authentication,
 * then the endpoint's rule ({@link EndpointRules}), then the caller's rate limit. It is a Vert.x
 * route ahead of every other handler that looks at a request, so a refused request is answered
 * before a byte of its body is read (and its connection closed, so the unread body is never taken
 * for a next request). With {@code vjvector.auth.mode=none} it is not installed at all.
 */
@ApplicationScoped
public class AccessGate {

    private static final Logger LOG = Logger.getLogger(AccessGate.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Before BodySizeLimit (-3) and Quarkus' upload limit (-2): refusing needs no body. */
    private static final int ORDER = -10;
    private static final String API_KEY_HEADER = "api-key";

    private final SecurityConfig config;
    private final AuthMode mode;
    private final StaticApiKeys staticKeys;
    private final ApiKeyStore managedKeys;
    private final QdrantJwt qdrantJwt;
    private final RateLimiter rateLimiter;
    private final Instance<TenantIdentityProvider> oidcProvider;
    private final MeterRegistry registry;
    private final AuditLog audit = new AuditLog();
    private OidcTokens oidc;
    private RejectionMetrics metrics;

    public AccessGate(SecurityConfig config, RateLimitConfig rateLimits, MeterRegistry registry,
                      Instance<TenantIdentityProvider> oidcProvider, ApiKeyStore managedKeys) {
        this.config = config;
        this.mode = config.authMode();
        this.staticKeys = new StaticApiKeys(config.apiKey(), config.readOnlyApiKey());
        this.managedKeys = managedKeys;
        this.qdrantJwt = config.jwtRbac() ? config.apiKey().filter(k -> !k.isEmpty())
                .map(k -> new QdrantJwt(k, config.tenantClaim(), Clock.systemUTC())).orElse(null) : null;
        this.rateLimiter = new RateLimiter(rateLimits, System::nanoTime);
        this.oidcProvider = oidcProvider;
        this.registry = registry;
    }

    void register(@Observes Router router) {
        if (mode == AuthMode.NONE) {
            String host = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class).orElse("");
            LOG.warnf("Authentication is off (vjvector.auth.mode=none): anyone who reaches %s may read and change"
                    + " every collection. Set vjvector.auth.mode before exposing the port.", host);
            return;
        }
        requireUsable();
        metrics = new RejectionMetrics(registry);
        if (mode.acceptsOidc()) {
            oidc = new OidcTokens(oidcProvider.get(), config.rolesClaim(), config.tenantClaim());
        }
        router.route().order(ORDER).handler(this::handle);
        LOG.infof("Authentication: vjvector.auth.mode=%s%s%s", mode.configName(),
                rateLimiter.enabled() ? ", rate limits on" : "",
                ", service endpoints " + config.serviceEndpoints().name().toLowerCase(Locale.ROOT));
    }

    /** A mode whose credentials cannot be checked would lock everyone out: refuse to start instead. */
    private void requireUsable() {
        if (mode.acceptsApiKeys() && !staticKeys.any()) {
            throw new IllegalStateException("vjvector.auth.mode=" + mode.configName()
                    + " needs vjvector.auth.api-key or vjvector.auth.read-only-api-key");
        }
        if (mode.acceptsOidc() && !ConfigProvider.getConfig()
                .getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(true)) {
            throw new IllegalStateException("vjvector.auth.mode=" + mode.configName() + " needs"
                    + " quarkus.oidc.tenant-enabled=true and the issuer: quarkus.oidc.auth-server-url"
                    + " (or quarkus.oidc.public-key)");
        }
    }

    private void handle(RoutingContext rc) {
        String method = rc.request().method().name();
        String path = rc.normalizedPath();
        EndpointRules.Match match = EndpointRules.match(method, path).orElse(null);
        Permission permission = match == null ? Permission.MANAGE : match.rule().permission();
        String collection = match == null ? null : match.collection();
        // CLUSTER: ClusterCallGate, ahead of this gate, let it in on the cluster credential alone.
        if (permission == Permission.OPEN || permission == Permission.CLUSTER
                || (permission == Permission.SERVICE && openServiceEndpoints())) {
            rc.next();
            return;
        }
        if (permission == Permission.SERVICE && config.serviceEndpoints() == ServiceEndpointAccess.OFF) {
            refuse(rc, method, path, collection, null, AuthFailure.switchedOff());
            return;
        }
        Request request = new Request(rc, method, path, collection, permission);
        String apiKey = rc.request().getHeader(API_KEY_HEADER);
        String bearer = bearer(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (apiKey == null && bearer == null) {
            refuse(rc, method, path, collection, null, AuthFailure.missing());
            return;
        }
        boolean isBearer = apiKey == null;
        String credential = isBearer ? bearer : apiKey;
        Authentication known = authenticateLocally(credential, isBearer);
        if (known != null) {
            proceed(request, known);
            return;
        }
        // OIDC verification may fetch the issuer's keys: hold the body until it is decided.
        Context context = Vertx.currentContext();
        rc.request().pause();
        oidc.verify(credential).subscribe().with(
                outcome -> context.runOnContext(v -> {
                    rc.request().resume();
                    proceed(request, outcome);
                }),
                failure -> context.runOnContext(v -> refuse(rc, method, path, collection, null,
                        AuthFailure.invalid("the bearer token could not be verified"))));
    }

    /** The outcome without OIDC, or null when the credential is left to OIDC. */
    private Authentication authenticateLocally(String credential, boolean bearer) {
        if (mode.acceptsApiKeys()) {
            Caller caller = staticKeys.match(credential, bearer).orElse(null);
            if (caller != null) {
                return Authentication.of(caller);
            }
            if (ApiKeyStore.isManagedKey(credential)) {
                return managedKeys.authenticate(credential, bearer);
            }
            if (qdrantJwt != null && QdrantJwt.isHs256(credential)) {
                return qdrantJwt.verify(credential, bearer);
            }
        }
        if (mode.acceptsOidc() && bearer) {
            return null;
        }
        return Authentication.refused(mode.acceptsApiKeys() ? "invalid API key or token" : "invalid token");
    }

    private void proceed(Request request, Authentication outcome) {
        RoutingContext rc = request.rc();
        if (outcome.caller() == null) {
            refuse(rc, request.method(), request.path(), request.collection(), null, outcome.failure());
            return;
        }
        Caller caller = outcome.caller();
        String refusal = refusal(caller, request.permission(), request.path(), request.collection());
        if (refusal != null) {
            refuse(rc, request.method(), request.path(), request.collection(), caller,
                    AuthFailure.forbidden(refusal, caller.bearer()));
            return;
        }
        long retryAfter = rateLimiter.retryAfterSeconds(caller);
        if (retryAfter > 0) {
            refuse(rc, request.method(), request.path(), request.collection(), caller, AuthFailure.rateLimited(retryAfter));
            return;
        }
        if (request.permission() == Permission.MANAGE) {
            rc.addEndHandler(done -> audit.adminAction(request.method(), request.path(), request.collection(),
                    caller, rc.response().getStatusCode()));
        }
        rc.put(Caller.class.getName(), caller);
        CurrentCaller.bind(caller);
        rc.next();
    }

    /**
     * Why the caller may not go on, or null. A caller of a tenant sees only that tenant's
     * collections, so the service endpoints, which describe every tenant's collections, need a
     * caller without a tenant, except the metrics, which the tenant metrics route answers such a
     * caller with its own collections' series only (see
     * {@link EndpointRules#TENANT_METRICS_PATHS}); and a tenant that could not prefix collection
     * names is refused.
     */
    private static String refusal(Caller caller, Permission permission, String path, String collection) {
        if (caller.tenant().isPresent()) {
            String problem = Tenants.problem(caller.tenant().get()).orElse(null);
            if (problem != null) {
                return "the caller's tenant is not usable: " + problem;
            }
            if (permission == Permission.SERVICE && !EndpointRules.TENANT_METRICS_PATHS.contains(path)) {
                return "telemetry and the API description cover every tenant: they need a caller without a tenant";
            }
        }
        return caller.access().refusal(permission, collection).orElse(null);
    }

    private void refuse(RoutingContext rc, String method, String path, String collection, Caller caller,
                        AuthFailure failure) {
        metrics.rejected(failure);
        audit.refused(method, path, collection, caller, failure);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("status").put("error", failure.message());
        body.put("time", 0.0);
        var response = rc.response().setStatusCode(failure.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (failure.wwwAuthenticate() != null) {
            response.putHeader("WWW-Authenticate", failure.wwwAuthenticate());
        }
        if (failure.retryAfterSeconds() > 0) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(failure.retryAfterSeconds()));
        }
        if (!rc.request().isEnded()) {
            // The unread body would otherwise be parsed as the next request on this connection.
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(body.toString());
    }

    private boolean openServiceEndpoints() {
        return config.serviceEndpoints() == ServiceEndpointAccess.OPEN || LaunchMode.current() == LaunchMode.DEVELOPMENT;
    }

    /** The token of an {@code Authorization: Bearer} header (scheme in any case), or null. */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private record Request(RoutingContext rc, String method, String path, String collection, Permission permission) {
    }
}
