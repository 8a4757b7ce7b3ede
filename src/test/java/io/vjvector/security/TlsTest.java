package io.vjvector.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTPS from a self-signed certificate made at test time (plain HTTP switched off), an API key over it. */
@QuarkusTest
@TestProfile(TlsTest.HttpsOnly.class)
class TlsTest {

    public static class HttpsOnly implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SelfSignedTls.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vjvector.auth.mode", "api-key", "vjvector.auth.api-key", "tls-admin-key-77");
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Test
    void theApiAnswersOverHttpsWithTheKey() {
        given().baseUri(https.toString()).relaxedHTTPSValidation().header("api-key", "tls-admin-key-77")
                .get("/collections").then().statusCode(200).body("status", equalTo("ok"));
        given().baseUri(https.toString()).relaxedHTTPSValidation().get("/collections").then().statusCode(401);
    }
}
