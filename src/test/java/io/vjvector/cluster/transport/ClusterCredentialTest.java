package io.vjvector.cluster.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterCredentialTest {

    private static final String SECRET = "s3cret-shared-by-every-node";
    private static final String PATH = "/internal/v1/collections/c/shards/0/search";
    private static final Duration WINDOW = Duration.ofSeconds(30);

    private static ClusterCredential at(String secret, long millis) {
        return new ClusterCredential(secret, WINDOW, Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    @Test
    void aSignatureOfTheSameSecretIsAcceptedWithinTheWindowBothWays() {
        String header = at(SECRET, 1_000_000).sign("POST", PATH);
        assertEquals(Optional.empty(), at(SECRET, 1_000_000).refusal(header, "POST", PATH));
        assertEquals(Optional.empty(), at(SECRET, 1_000_000 + 30_000).refusal(header, "POST", PATH));
        assertEquals(Optional.empty(), at(SECRET, 1_000_000 - 30_000).refusal(header, "POST", PATH));
    }

    @Test
    void anExpiredOrFutureSignatureIsRefused() {
        String header = at(SECRET, 1_000_000).sign("POST", PATH);
        assertTrue(at(SECRET, 1_000_000 + 30_001).refusal(header, "POST", PATH).orElseThrow().contains("expired"));
        assertTrue(at(SECRET, 1_000_000 - 30_001).refusal(header, "POST", PATH).isPresent());
    }

    @Test
    void anotherSecretPathOrMethodIsRefused() {
        String header = at(SECRET, 1_000_000).sign("POST", PATH);
        assertTrue(at("another-secret", 1_000_000).refusal(header, "POST", PATH).orElseThrow().contains("not valid"));
        assertTrue(at(SECRET, 1_000_000).refusal(header, "POST", PATH.replace("/0/", "/1/")).isPresent());
        assertTrue(at(SECRET, 1_000_000).refusal(header, "PUT", PATH).isPresent());
    }

    @Test
    void aMovedTimestampBreaksTheSignature() {
        String header = at(SECRET, 1_000_000).sign("POST", PATH);
        String[] parts = header.split(":");
        String moved = parts[0] + ":" + (Long.parseLong(parts[1]) + 60_000) + ":" + parts[2];
        assertTrue(at(SECRET, 1_060_000).refusal(moved, "POST", PATH).orElseThrow().contains("not valid"));
    }

    @Test
    void missingOrMalformedHeadersAreRefusedWithoutEchoingThem() {
        ClusterCredential c = at(SECRET, 1_000_000);
        assertTrue(c.refusal(null, "POST", PATH).orElseThrow().contains(ClusterCredential.HEADER));
        assertTrue(c.refusal("", "POST", PATH).isPresent());
        for (String bad : new String[] {SECRET, "v1:x:y", "v2:1000000:abc", "v1:1000000", "v1:1000000:abc:def"}) {
            String refusal = c.refusal(bad, "POST", PATH).orElseThrow();
            assertFalse(refusal.contains(SECRET), refusal);
        }
    }

    @Test
    void anEmptySecretIsNotACredential() {
        assertThrows(IllegalArgumentException.class, () -> at(" ", 0));
    }
}
