package io.vjvector.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * OIDC bearer tokens, verified by Quarkus OIDC (signature against the issuer's keys, issuer,
 * audience, lifetime) through its {@link TenantIdentityProvider}; the role and tenant are then
 * read from the configured claims of the verified token.
 */
final class OidcTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantIdentityProvider provider;
    private final String rolesClaim;
    private final String tenantClaim;

    OidcTokens(TenantIdentityProvider provider, String rolesClaim, String tenantClaim) {
        this.provider = provider;
        this.rolesClaim = rolesClaim;
        this.tenantClaim = tenantClaim;
    }

    /** The caller a verified token stands for; a token that fails verification gives a refusal. */
    Uni<Authentication> verify(String token) {
        return provider.authenticate(new AccessTokenCredential(token))
                .map(identity -> caller((JsonWebToken) identity.getPrincipal()))
                // Why verification failed stays out of the answer and the log: the reason may quote the token.
                .onFailure().recoverWithItem(failure -> Authentication.refused(
                        "the bearer token is not valid (signature, issuer, audience or lifetime)"));
    }

    private Authentication caller(JsonWebToken jwt) {
        JsonNode claims = claims(jwt.getRawToken());
        Optional<AccessRole> role = highestRole(at(claims, rolesClaim));
        String subject = "oidc:" + Optional.ofNullable(jwt.getSubject()).orElse("anonymous");
        Optional<String> tenant = Optional.ofNullable(at(claims, tenantClaim))
                .filter(JsonNode::isTextual).map(JsonNode::asText);
        // A token without a known role is authenticated, but may call nothing but the open endpoints.
        Access access = role.map(Access::global).orElseGet(() -> Access.perCollection(Map.of()));
        return Authentication.of(new Caller(subject, Caller.Scheme.OIDC, access, tenant, true));
    }

    private static JsonNode claims(String rawToken) {
        try {
            String payload = rawToken.split("\\.", -1)[1];
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    /** The claim at a dotted path ({@code realm_access.roles}), or null. A claim named with dots wins. */
    static JsonNode at(JsonNode claims, String path) {
        if (claims.has(path)) {
            return claims.get(path);
        }
        JsonNode node = claims;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }

    /** Roles as a JSON array, or one string of roles separated by spaces or commas. */
    static Optional<AccessRole> highestRole(JsonNode roles) {
        List<String> names = new ArrayList<>();
        if (roles != null && roles.isArray()) {
            roles.forEach(r -> names.add(r.asText()));
        } else if (roles != null && roles.isTextual()) {
            names.addAll(List.of(roles.asText().split("[\\s,]+")));
        }
        return names.stream().map(AccessRole::fromClaim).flatMap(Optional::stream).max(Enum::compareTo);
    }
}
