package io.vjvector.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle of keys made through {@code /auth/api-keys}, as a client meets it. */
@QuarkusTest
@TestProfile(ApiKeyProfile.class)
class ManagedApiKeysTest {

    private static final String COLLECTION = "managed_keys_a";
    private static final String OTHER = "managed_keys_b";
    private static final String UPSERT = "{\"points\":[{\"id\":1,\"vector\":[0.1,0.2],\"payload\":{}}]}";

    private static RequestSpecification admin() {
        return given().header("api-key", ApiKeyProfile.ADMIN_KEY).contentType(ContentType.JSON);
    }

    private static RequestSpecification withKey(String key) {
        return given().header("api-key", key).contentType(ContentType.JSON);
    }

    private static JsonPath create(String body) {
        return admin().body(body).post("/auth/api-keys").then().statusCode(200).extract().jsonPath();
    }

    @BeforeEach
    void collections() {
        for (String c : new String[] {COLLECTION, OTHER}) {
            admin().body("{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}").put("/collections/" + c);
        }
    }

    @Test
    void aKeyIsCreatedUsedListedWithoutSecretAndRefusedAtOnceAfterRevocation() throws InterruptedException {
        JsonPath created = create("{\"role\":\"admin\",\"tenant\":\"acme\"}");
        String id = created.getString("result.id");
        String key = created.getString("result.key");
        assertTrue(key.startsWith("vjk_" + id + "_"), "key carries its id");

        withKey(key).get("/collections").then().statusCode(200);
        // A key of tenant acme sees acme's collections only, not the operator's.
        given().header("Authorization", "Bearer " + key).get("/collections/" + COLLECTION).then().statusCode(404);
        given().header("Authorization", "Bearer " + key).get("/collections/" + COLLECTION + "/exists").then()
                .statusCode(200).body("result.exists", equalTo(false));

        String listing = admin().get("/auth/api-keys").then().statusCode(200).extract().asString();
        String secret = ApiKeyStore.secretOf(key);
        assertFalse(listing.contains(secret), listing);
        assertFalse(listing.contains("salt") || listing.contains("sha256") || listing.contains("\"key\""), listing);
        List<Map<String, Object>> mine = JsonPath.from(listing).getList("result.findAll { it.id == '" + id + "' }");
        assertEquals(1, mine.size(), listing);
        assertEquals("admin", mine.get(0).get("role"));
        assertEquals("acme", mine.get(0).get("tenant"));
        assertEquals(false, mine.get(0).get("expired"));

        admin().delete("/auth/api-keys/" + id).then().statusCode(200).body("result", equalTo(true));
        long revokedAt = System.nanoTime();
        int status;
        do {
            status = withKey(key).get("/collections").statusCode();
        } while (status != 401 && System.nanoTime() - revokedAt < 1_000_000_000L);
        long millis = (System.nanoTime() - revokedAt) / 1_000_000;
        assertEquals(401, status, "still accepted " + millis + " ms after revocation");
        assertTrue(millis < 1000, millis + " ms");
        admin().get("/auth/api-keys").then().statusCode(200)
                .body("result.findAll { it.id == '" + id + "' }.size()", equalTo(0));
        admin().delete("/auth/api-keys/" + id).then().statusCode(404);
    }

    @Test
    void aReaderKeyReadsButCannotWrite() {
        String key = create("{\"role\":\"reader\"}").getString("result.key");
        withKey(key).body("{\"limit\":1}").post("/collections/" + COLLECTION + "/points/scroll").then().statusCode(200);
        withKey(key).body(UPSERT).put("/collections/" + COLLECTION + "/points").then().statusCode(403)
                .body("status.error", startsWith("Forbidden: "));
    }

    @Test
    void aKeyLimitedToOneCollectionIsRefusedAnother() {
        String key = create("{\"role\":\"reader\",\"collections\":[\"" + COLLECTION + "\"]}").getString("result.key");
        withKey(key).get("/collections/" + COLLECTION).then().statusCode(200);
        withKey(key).get("/collections/" + OTHER).then().statusCode(403)
                .body("status.error", equalTo("Forbidden: access to collection " + OTHER + " is required"));
        withKey(key).get("/collections").then().statusCode(403);
    }

    @Test
    void anExpiredKeyIsRefusedWith401() throws InterruptedException {
        Instant expiry = Instant.now().plusSeconds(1);
        String key = create("{\"role\":\"reader\",\"expires_at\":\"" + expiry + "\"}").getString("result.key");
        Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 50);
        withKey(key).get("/collections").then().statusCode(401)
                .body("status.error", equalTo("Unauthorized: the API key has expired"));
    }

    @Test
    void onlyAnAdminManagesKeys() {
        String reader = create("{\"role\":\"reader\"}").getString("result.key");
        withKey(reader).body("{\"role\":\"reader\"}").post("/auth/api-keys").then().statusCode(403);
        withKey(reader).get("/auth/api-keys").then().statusCode(403);
        withKey(ApiKeyProfile.READ_ONLY_KEY).delete("/auth/api-keys/0123456789abcdef").then().statusCode(403);
        given().get("/auth/api-keys").then().statusCode(401);
    }

    @Test
    void invalidRequestsAreRefusedNamingTheField() {
        admin().body("{}").post("/auth/api-keys").then().statusCode(400).body("status.error", containsString("role: "));
        admin().body("{\"role\":\"owner\"}").post("/auth/api-keys").then().statusCode(400);
        admin().body("{\"role\":\"reader\",\"expires_at\":\"tomorrow\"}").post("/auth/api-keys").then().statusCode(400)
                .body("status.error", containsString("expires_at: "));
        admin().body("{\"role\":\"reader\",\"expires_at\":\"2001-01-01T00:00:00Z\"}").post("/auth/api-keys")
                .then().statusCode(400);
        admin().body("{\"role\":\"reader\",\"collections\":\"docs\"}").post("/auth/api-keys").then().statusCode(400)
                .body("status.error", containsString("collections: "));
        admin().body("{\"role\":\"admin\",\"collections\":[\"docs\"]}").post("/auth/api-keys").then().statusCode(400);
        admin().body("{\"role\":\"reader\",\"scope\":1}").post("/auth/api-keys").then().statusCode(400)
                .body("status.error", containsString("scope: "));
    }
}
