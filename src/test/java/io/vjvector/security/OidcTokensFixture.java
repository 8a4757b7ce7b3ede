package io.vjvector.security;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.List;
import java.util.Map;

/** Signed tokens from {@link LocalOidcIssuer} for the tests. */
final class OidcTokensFixture {

    private OidcTokensFixture() {
    }

    /**
     * Valid claims for 5 minutes: the issuer's, our audience, the roles under {@code realm_access};
     * no tenant, so the caller has the global view (see {@link #ofTenant}).
     */
    static JwtClaimsBuilder claims(String subject, String... roles) {
        return Jwt.issuer(LocalOidcIssuer.ISSUER).audience(LocalOidcIssuer.AUDIENCE).subject(subject)
                .claim("realm_access", Map.of("roles", List.of(roles))).expiresIn(300);
    }

    /** A token of {@code role} in {@code tenant} (the {@code tenant} claim). */
    static String ofTenant(String tenant, String role) {
        return rsa(claims("user-" + role + "@" + tenant, role).claim("tenant", tenant));
    }

    static String rsa(JwtClaimsBuilder claims) {
        return claims.jws().keyId(LocalOidcIssuer.RSA_KID).sign(LocalOidcIssuer.rsaPrivateKey());
    }

    static String ec(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.ES256).keyId(LocalOidcIssuer.EC_KID).sign(LocalOidcIssuer.ecPrivateKey());
    }

    static String role(String role) {
        return rsa(claims("user-" + role, role));
    }
}
