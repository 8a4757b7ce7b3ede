package io.vjvector.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QdrantJwtTest {

    private static final String KEY = "admin-key-for-jwt";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final QdrantJwt jwt = new QdrantJwt(KEY, "tenant", Clock.fixed(NOW, ZoneOffset.UTC));

    private static long now() {
        return NOW.getEpochSecond();
    }

    @Test
    void globalAccessReadOrManage() {
        Caller reader = jwt.verify(QdrantTokens.hs256(KEY, "{\"exp\":" + (now() + 60) + ",\"access\":\"r\",\"sub\":\"ann\"}"), true).caller();
        assertEquals(Access.global(AccessRole.READER), reader.access());
        assertEquals("jwt:ann", reader.subject());
        Caller manager = jwt.verify(QdrantTokens.hs256(KEY, "{\"exp\":" + (now() + 60) + ",\"access\":\"m\"}"), false).caller();
        assertEquals(Access.global(AccessRole.ADMIN), manager.access());
        Caller noAccessClaim = jwt.verify(QdrantTokens.hs256(KEY, "{\"exp\":" + (now() + 60) + "}"), false).caller();
        assertEquals(Access.global(AccessRole.ADMIN), noAccessClaim.access(), "Qdrant: no access claim is full access");
    }

    @Test
    void perCollectionAccess() {
        String token = QdrantTokens.hs256(KEY, "{\"exp\":" + (now() + 60) + ",\"access\":[{\"collection\":\"a\",\"access\":\"r\"},"
                + "{\"collection\":\"b\",\"access\":\"rw\"}]}");
        Caller caller = jwt.verify(token, true).caller();
        assertEquals(Access.perCollection(Map.of("a", AccessRole.READER, "b", AccessRole.WRITER)), caller.access());
        assertEquals(AccessRole.WRITER, caller.rateRole());
    }

    @Test
    void theTenantClaimMakesATenantCaller() {
        Caller caller = jwt.verify(QdrantTokens.hs256(KEY, "{\"exp\":" + (now() + 60) + ",\"access\":\"r\",\"tenant\":\"acme\"}"), true).caller();
        assertEquals(java.util.Optional.of("acme"), caller.tenant());
        Caller global = jwt.verify(QdrantTokens.hs256(KEY, "{\"exp\":" + (now() + 60) + "}"), true).caller();
        assertEquals(java.util.Optional.empty(), global.tenant());
        assertEquals("the tenant claim must be a string",
                jwt.verify(QdrantTokens.hs256(KEY, "{\"exp\":" + (now() + 60) + ",\"tenant\":7}"), true).refusal());
    }

    @Test
    void expiryHasThirtySecondsOfLeewayAndIsRequired() {
        assertNotNull(jwt.verify(QdrantTokens.hs256(KEY, "{\"exp\":" + (now() - 29) + "}"), true).caller());
        assertEquals("the token has expired", jwt.verify(QdrantTokens.hs256(KEY, "{\"exp\":" + (now() - 31) + "}"), true).refusal());
        assertEquals("the token has no exp claim", jwt.verify(QdrantTokens.hs256(KEY, "{\"access\":\"m\"}"), true).refusal());
    }

    @Test
    void refusesWrongKeysTamperingAndWhatItCannotHonour() {
        String exp = "\"exp\":" + (now() + 60);
        assertEquals("invalid token signature", jwt.verify(QdrantTokens.hs256("other", "{" + exp + "}"), true).refusal());
        String token = QdrantTokens.hs256(KEY, "{" + exp + ",\"access\":\"r\"}");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + QdrantTokens.b64("{" + exp + ",\"access\":\"m\"}") + "." + parts[2];
        assertEquals("invalid token signature", jwt.verify(forged, true).refusal());
        assertNull(jwt.verify(QdrantTokens.hs256(KEY, "{" + exp + ",\"access\":[{\"collection\":\"a\",\"access\":\"r\","
                + "\"payload\":{\"user\":\"x\"}}]}"), true).caller());
        assertNull(jwt.verify(QdrantTokens.hs256(KEY, "{" + exp + ",\"access\":\"rw\"}"), true).caller());
        assertNull(jwt.verify(QdrantTokens.hs256(KEY, "{" + exp + ",\"value_exists\":{}}"), true).caller());
        assertEquals("malformed token", jwt.verify("a.b", true).refusal());
        assertEquals("malformed token", jwt.verify("%%.@@.!!", true).refusal());
    }

    @Test
    void onlyHs256HeadersAreQdrantTokens() {
        assertTrue(QdrantJwt.isHs256(QdrantTokens.hs256(KEY, "{}")));
        assertFalse(QdrantJwt.isHs256(QdrantTokens.b64("{\"alg\":\"RS256\"}") + ".e30.x"));
        assertFalse(QdrantJwt.isHs256("plain-api-key"));
    }
}
