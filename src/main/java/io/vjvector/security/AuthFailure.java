package io.vjvector.security;

/**
 * Why a request is refused, as the client is told. Messages never hold a token, key or secret.
 *
 * @param status          401, 403, 404, 429 or 503
 * @param message         Qdrant's error text ("Unauthorized: ...", "Forbidden: ...")
 * @param wwwAuthenticate the WWW-Authenticate challenge, or null
 * @param retryAfterSeconds for 429 and 503, whole seconds until a request may pass; otherwise 0
 */
public record AuthFailure(int status, String message, String wwwAuthenticate, long retryAfterSeconds) {

    private static final String REALM = "Bearer realm=\"vjvector\"";

    /** No credential at all (RFC 6750 §3.1: a bare challenge). */
    public static AuthFailure missing() {
        return new AuthFailure(401, "Unauthorized: send an API key (api-key header) or a bearer token"
                + " (Authorization: Bearer)", REALM, 0);
    }

    /** A credential that is not valid: unknown key, bad signature, expired, wrong issuer... */
    public static AuthFailure invalid(String why) {
        return new AuthFailure(401, "Unauthorized: " + why,
                REALM + ", error=\"invalid_token\", error_description=\"" + quoteSafe(why) + "\"", 0);
    }

    /** A valid caller without the role or collection access the endpoint needs. */
    public static AuthFailure forbidden(String why, boolean bearer) {
        return new AuthFailure(403, "Forbidden: " + why,
                bearer ? REALM + ", error=\"insufficient_scope\"" : null, 0);
    }

    public static AuthFailure rateLimited(long retryAfterSeconds) {
        return new AuthFailure(429, "Too many requests: rate limit of this caller exceeded, retry after "
                + retryAfterSeconds + " s (vjvector.rate-limit)", null, retryAfterSeconds);
    }

    /**
     * A credential that cannot be checked now because what it is checked against may be out of date
     * (a cluster node's copy of the managed API keys, not confirmed with etcd lately). 503 rather
     * than 401: the credential may well be valid, and a 401 tells a client to stop using it, while
     * a 503 with {@code Retry-After} tells it (and a load balancer) to retry, here or on another node.
     * No challenge: it is not the credential that is refused.
     */
    public static AuthFailure unavailable(String why) {
        return new AuthFailure(503, "Service unavailable: " + why, null, 1);
    }

    /** A service endpoint switched off ({@code vjvector.auth.service-endpoints=off}). */
    public static AuthFailure switchedOff() {
        return new AuthFailure(404, "Not found: this endpoint is switched off (vjvector.auth.service-endpoints)", null, 0);
    }

    /** The reason label of metrics and the audit log. */
    public String reason() {
        return Integer.toString(status);
    }

    private static String quoteSafe(String s) {
        return s.replace('"', '\'').replace('\\', '/');
    }
}
