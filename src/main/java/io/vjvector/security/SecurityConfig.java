package io.vjvector.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * {@code vjvector.auth.*}: who may call the API. The OIDC issuer itself is configured with the
 * usual {@code quarkus.oidc.*} keys (all fixed at run time, so one build serves every mode).
 */
@ConfigMapping(prefix = "vjvector.auth")
public interface SecurityConfig {

    /** {@code none}, {@code oidc}, {@code api-key} or {@code oidc+api-key} (see {@link AuthMode}). */
    @WithDefault("none")
    String mode();

    /** Qdrant's {@code service.api_key}: full access, and the HS256 secret of Qdrant JWTs. */
    Optional<String> apiKey();

    /** Qdrant's {@code service.read_only_api_key}: reader role on every collection. */
    Optional<String> readOnlyApiKey();

    /** Accept Qdrant's JWT RBAC tokens signed (HS256) with {@link #apiKey()} (Qdrant's {@code jwt_rbac}). */
    @WithDefault("true")
    boolean jwtRbac();

    /** Claim of an OIDC token that holds the roles; dotted paths reach nested claims ({@code realm_access.roles}). */
    @WithDefault("roles")
    String rolesClaim();

    /** Claim of an OIDC token (or a Qdrant JWT) that names the caller's tenant, which scopes every collection name. */
    @WithDefault("tenant")
    String tenantClaim();

    /** Who reaches metrics, telemetry, OpenAPI and Swagger UI while authentication is on. */
    @WithDefault("admin")
    ServiceEndpointAccess serviceEndpoints();

    /** The parsed {@link #mode()}. */
    default AuthMode authMode() {
        return AuthMode.parse(mode());
    }
}
