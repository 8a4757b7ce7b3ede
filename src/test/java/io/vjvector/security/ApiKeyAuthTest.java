package io.vjvector.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Qdrant's API-key and JWT schemes as a Qdrant client meets them. */
@QuarkusTest
@TestProfile(ApiKeyProfile.class)
class ApiKeyAuthTest {

    private static final String COLLECTION = "keys_demo";
    private static final String OTHER = "keys_other";
    private static final String UPSERT = "{\"points\":[{\"id\":1,\"vector\":[0.1,0.2,0.3,0.4],\"payload\":{\"k\":1}}]}";
    private static final String SEARCH = "{\"vector\":[0.1,0.2,0.3,0.4],\"limit\":1}";

    @TestHTTPResource("/")
    URL baseUrl;

    static RequestSpecification admin() {
        return given().header("api-key", ApiKeyProfile.ADMIN_KEY);
    }

    static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @BeforeEach
    void collections() {
        for (String c : new String[] {COLLECTION, OTHER}) {
            admin().contentType(ContentType.JSON).body("{\"vectors\":{\"size\":4,\"distance\":\"Dot\"}}")
                    .put("/collections/" + c);
        }
    }

    @Test
    void noCredentialIsRefusedWith401InQdrantsErrorShapeAndABearerChallenge() {
        given().get("/collections").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"vjvector\""))
                .contentType(ContentType.JSON)
                .body("status.error", startsWith("Unauthorized: "))
                .body("time", notNullValue())
                .body("result", nullValue());
    }

    @Test
    void aWrongKeyOrTokenIsRefusedWith401() {
        given().header("api-key", "not-the-key").get("/collections").then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("status.error", equalTo("Unauthorized: invalid API key or token"));
        bearer("not-the-key").get("/collections").then().statusCode(401);
        given().header("Authorization", "Basic " + ApiKeyProfile.ADMIN_KEY).get("/collections").then().statusCode(401);
    }

    @Test
    void theAdminKeyWorksInTheApiKeyHeaderAndAsABearerToken() {
        admin().contentType(ContentType.JSON).body(UPSERT).put("/collections/" + COLLECTION + "/points?wait=true")
                .then().statusCode(200);
        bearer(ApiKeyProfile.ADMIN_KEY).contentType(ContentType.JSON).body(SEARCH)
                .post("/collections/" + COLLECTION + "/points/search").then().statusCode(200).body("result[0].id", equalTo(1));
        given().header("authorization", "bearer " + ApiKeyProfile.ADMIN_KEY).get("/collections").then().statusCode(200);
    }

    @Test
    void theReadOnlyKeyReadsButNeitherWritesNorManages() {
        RequestSpecification reader = given().header("api-key", ApiKeyProfile.READ_ONLY_KEY);
        reader.contentType(ContentType.JSON).body(SEARCH).post("/collections/" + COLLECTION + "/points/search")
                .then().statusCode(200);
        given().header("api-key", ApiKeyProfile.READ_ONLY_KEY).get("/collections/" + COLLECTION).then().statusCode(200);
        given().header("api-key", ApiKeyProfile.READ_ONLY_KEY).contentType(ContentType.JSON).body(UPSERT)
                .put("/collections/" + COLLECTION + "/points").then().statusCode(403)
                .header("WWW-Authenticate", nullValue())
                .body("status.error", equalTo("Forbidden: the writer role is required, the caller has reader"));
        given().header("api-key", ApiKeyProfile.READ_ONLY_KEY).delete("/collections/" + COLLECTION).then().statusCode(403);
        bearer(ApiKeyProfile.READ_ONLY_KEY).delete("/collections/" + COLLECTION).then().statusCode(403)
                .header("WWW-Authenticate", containsString("insufficient_scope"));
    }

    @Test
    void qdrantJwtsGrantGlobalOrPerCollectionAccess() {
        String reader = QdrantTokens.hs256(ApiKeyProfile.ADMIN_KEY, "\"r\"", "ann");
        bearer(reader).get("/collections").then().statusCode(200);
        bearer(reader).contentType(ContentType.JSON).body(UPSERT).put("/collections/" + COLLECTION + "/points").then().statusCode(403);
        // Qdrant clients may also send the JWT in the api-key header.
        given().header("api-key", QdrantTokens.hs256(ApiKeyProfile.ADMIN_KEY, "\"m\"", "root"))
                .delete("/collections/keys_never_made").then().statusCode(200);

        String scoped = QdrantTokens.hs256(ApiKeyProfile.ADMIN_KEY,
                "[{\"collection\":\"" + OTHER + "\",\"access\":\"r\"}]", "scoped");
        bearer(scoped).contentType(ContentType.JSON).body(SEARCH).post("/collections/" + OTHER + "/points/search").then().statusCode(200);
        bearer(scoped).contentType(ContentType.JSON).body(SEARCH).post("/collections/" + COLLECTION + "/points/search")
                .then().statusCode(403).body("status.error", equalTo("Forbidden: access to collection " + COLLECTION + " is required"));
        bearer(scoped).get("/collections").then().statusCode(403);
        bearer(scoped).post("/collections/" + OTHER + "/snapshots").then().statusCode(403);

        String expired = QdrantTokens.hs256(ApiKeyProfile.ADMIN_KEY, "{\"exp\":" + (System.currentTimeMillis() / 1000 - 120) + "}");
        bearer(expired).get("/collections").then().statusCode(401).body("status.error", equalTo("Unauthorized: the token has expired"));
        String wrongKey = QdrantTokens.hs256(ApiKeyProfile.READ_ONLY_KEY, "\"m\"", "forger");
        bearer(wrongKey).get("/collections").then().statusCode(401);
    }

    @Test
    void probesAndTheBannerStayOpenServiceEndpointsAreForAdmins() {
        given().get("/").then().statusCode(200);
        given().get("/healthz").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(401);
        given().get("/q/openapi").then().statusCode(401);
        given().header("api-key", ApiKeyProfile.READ_ONLY_KEY).get("/metrics").then().statusCode(403);
        admin().get("/q/openapi").then().statusCode(200);
        String metrics = admin().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("vjvector_auth_rejections_total{status=\"401\"")), metrics);
    }

    @Test
    void writersAreRateLimitedWithRetryAfterThenRecover() throws InterruptedException {
        String writer = QdrantTokens.hs256(ApiKeyProfile.ADMIN_KEY,
                "[{\"collection\":\"" + COLLECTION + "\",\"access\":\"rw\"}]", "rate-test");
        for (int i = 0; i < ApiKeyProfile.WRITER_BURST; i++) {
            bearer(writer).get("/collections/" + COLLECTION).then().statusCode(200);
        }
        Response limited = bearer(writer).get("/collections/" + COLLECTION);
        limited.then().statusCode(429).body("status.error", startsWith("Too many requests: "));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        Thread.sleep(retryAfter * 1000 + 100);
        bearer(writer).get("/collections/" + COLLECTION).then().statusCode(200);
        // Another caller with the same role has its own bucket.
        bearer(QdrantTokens.hs256(ApiKeyProfile.ADMIN_KEY, "[{\"collection\":\"" + COLLECTION + "\",\"access\":\"rw\"}]", "rate-other"))
                .get("/collections/" + COLLECTION).then().statusCode(200);
    }

    @Test
    void anUnauthenticated32MegabyteBodyIsRefusedBeforeItIsRead() throws Exception {
        long declared = 32L * 1024 * 1024;
        byte[] chunk = new byte[64 * 1024];
        try (Socket socket = new Socket(baseUrl.getHost(), baseUrl.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /collections/" + COLLECTION + "/points HTTP/1.1\r\nHost: " + baseUrl.getHost()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.flush();
            // Only 64 KiB of 32 MiB were sent: the answer must come without the rest.
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String status = in.readLine();
            assertEquals("HTTP/1.1 401 Unauthorized", status);
            boolean closes = false;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                closes |= line.equalsIgnoreCase("connection: close");
            }
            assertTrue(closes, "the connection is closed so the unread body is never parsed as a request");
        }
    }
}
