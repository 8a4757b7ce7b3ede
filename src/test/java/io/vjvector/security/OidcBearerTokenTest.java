package io.vjvector.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** OIDC bearer tokens signed with real RSA and EC keys, checked against the issuer's JWKS. */
@QuarkusTest
@TestProfile(OidcProfile.class)
class OidcBearerTokenTest {

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static void refused(String token, String what) {
        given().header("Authorization", "Bearer " + token).get("/collections").then()
                .log().ifValidationFails()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("status.error", startsWith("Unauthorized: "));
    }

    @Test
    void rsaAndEcTokensWithARoleAreAccepted() {
        given().auth().oauth2(OidcTokensFixture.rsa(OidcTokensFixture.claims("alice", "reader"))).get("/collections")
                .then().statusCode(200);
        given().auth().oauth2(OidcTokensFixture.ec(OidcTokensFixture.claims("bob", "admin", "offline_access")))
                .contentType(ContentType.JSON).body("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}")
                .put("/collections/oidc_demo").then().statusCode(200);
    }

    @Test
    void theRoleComesFromTheConfiguredClaimPath() {
        given().auth().oauth2(OidcTokensFixture.role("reader")).delete("/collections/oidc_demo").then().statusCode(403)
                .header("WWW-Authenticate", containsString("insufficient_scope"))
                .body("status.error", equalTo("Forbidden: the admin role is required, the caller has reader"));
        // roles at the top level are not where this profile looks
        String topLevel = OidcTokensFixture.rsa(Jwt.issuer(LocalOidcIssuer.ISSUER).audience(LocalOidcIssuer.AUDIENCE)
                .subject("carol").claim("roles", java.util.List.of("admin")).expiresIn(300));
        given().auth().oauth2(topLevel).get("/collections").then().statusCode(403);
    }

    @Test
    void noTokenOrAnApiKeyIsRefused() {
        given().get("/collections").then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer realm=\"vjvector\""));
        given().header("api-key", "anything").get("/collections").then().statusCode(401);
    }

    @Test
    void malformedTokensAreRefused() {
        refused("garbage", "not a JWT");
        refused("abc.def.ghi", "three parts of nonsense");
    }

    @Test
    void expiredAndNotYetValidTokensAreRefused() {
        refused(OidcTokensFixture.rsa(OidcTokensFixture.claims("dave", "admin").issuedAt(now() - 1200).expiresAt(now() - 600)), "expired");
        refused(OidcTokensFixture.rsa(OidcTokensFixture.claims("erin", "admin").claim("nbf", now() + 600)), "not yet valid");
    }

    @Test
    void wrongIssuerOrAudienceIsRefused() {
        refused(OidcTokensFixture.rsa(OidcTokensFixture.claims("frank", "admin").issuer("https://elsewhere.test")), "issuer");
        refused(OidcTokensFixture.rsa(OidcTokensFixture.claims("grace", "admin").audience("another-service")), "audience");
    }

    @Test
    void badSignaturesUnknownKeysAndWrongAlgorithmsAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        refused(OidcTokensFixture.claims("mallory", "admin").jws().keyId(LocalOidcIssuer.RSA_KID)
                .sign(generator.generateKeyPair().getPrivate()), "signed with another key");
        refused(OidcTokensFixture.claims("mallory", "admin").jws().keyId("rsa-unknown")
                .sign(LocalOidcIssuer.rsaPrivateKey()), "unknown kid");
        byte[] secret = "a-shared-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
        refused(OidcTokensFixture.claims("mallory", "admin").jws().algorithm(SignatureAlgorithm.HS256)
                .keyId(LocalOidcIssuer.RSA_KID).sign(new SecretKeySpec(secret, "HmacSHA256")), "HS256 against RSA");
        String valid = OidcTokensFixture.role("admin");
        String payload = valid.split("\\.")[1];
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + payload + ".";
        refused(none, "alg none");
    }
}
