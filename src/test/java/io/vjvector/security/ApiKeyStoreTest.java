package io.vjvector.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Managed API keys over the store itself: hashing, expiry, revocation and the file across restarts. */
class ApiKeyStoreTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private Path file() {
        return dir.resolve("auth").resolve("api-keys.json");
    }

    private static ApiKeyGrant grant(AccessRole role, List<String> collections, Instant expiresAt) {
        return new ApiKeyGrant(role, Optional.of("acme"), collections, Optional.ofNullable(expiresAt));
    }

    @Test
    void keysAndRevocationsSurviveARestartAndTheFileHoldsNoSecret() throws IOException {
        MovableClock clock = new MovableClock();
        ApiKeyStore store = ApiKeyStore.open(file(), clock);
        IssuedApiKey kept = store.create(grant(AccessRole.WRITER, List.of(), null));
        IssuedApiKey revoked = store.create(grant(AccessRole.READER, List.of("docs"), null));
        assertTrue(store.revoke(revoked.id()));

        ApiKeyStore reopened = ApiKeyStore.open(file(), clock);
        Caller caller = reopened.authenticate(kept.key(), false).caller();
        assertNotNull(caller);
        assertEquals("api-key:" + kept.id(), caller.subject());
        assertEquals(Access.global(AccessRole.WRITER), caller.access());
        assertEquals(Optional.of("acme"), caller.tenant());
        assertNull(reopened.authenticate(revoked.key(), false).caller());
        assertEquals(List.of(kept.id()), reopened.list().stream().map(ApiKeyInfo::id).toList());

        String content = Files.readString(file());
        String secret = ApiKeyStore.secretOf(kept.key());
        assertFalse(content.contains(secret), content);
        assertTrue(content.contains("\"version\" : " + ApiKeyFile.FORMAT_VERSION), content);
    }

    @Test
    void aKeyWithAWrongSecretOrUnknownIdIsRefused() throws IOException {
        ApiKeyStore store = ApiKeyStore.open(file(), new MovableClock());
        IssuedApiKey key = store.create(grant(AccessRole.ADMIN, List.of(), null));
        assertTrue(ApiKeyStore.isManagedKey(key.key()));
        char last = key.key().charAt(key.key().length() - 1);
        String wrongSecret = key.key().substring(0, key.key().length() - 1) + (last == 'x' ? 'y' : 'x');
        assertEquals("invalid API key or token", store.authenticate(wrongSecret, false).refusal());
        String unknownId = ApiKeyStore.PREFIX + "0000000000000000" + "_" + ApiKeyStore.secretOf(key.key());
        assertEquals("invalid API key or token", store.authenticate(unknownId, true).refusal());
        assertFalse(ApiKeyStore.isManagedKey("vjk_short"));
    }

    @Test
    void aKeyIsRefusedFromItsExpiryOnAndListedAsExpired() throws IOException {
        MovableClock clock = new MovableClock();
        ApiKeyStore store = ApiKeyStore.open(file(), clock);
        IssuedApiKey key = store.create(grant(AccessRole.READER, List.of(), T0.plusSeconds(60)));
        clock.now = T0.plusSeconds(59);
        assertNotNull(store.authenticate(key.key(), false).caller());
        assertFalse(store.list().get(0).expired());
        clock.now = T0.plusSeconds(60);
        assertEquals("the API key has expired", store.authenticate(key.key(), false).refusal());
        assertTrue(store.list().get(0).expired());
        assertEquals(T0.plusSeconds(60).toString(), store.list().get(0).expiresAt());
    }

    @Test
    void aKeyLimitedToCollectionsGrantsItsRoleOnThoseOnly() throws IOException {
        ApiKeyStore store = ApiKeyStore.open(file(), new MovableClock());
        IssuedApiKey key = store.create(grant(AccessRole.WRITER, List.of("docs"), null));
        Access access = store.authenticate(key.key(), false).caller().access();
        assertTrue(access.refusal(Permission.WRITE, "docs").isEmpty());
        assertTrue(access.refusal(Permission.READ, "other").isPresent());
        assertTrue(access.refusal(Permission.READ, null).isPresent());
    }

    @Test
    void aStoreOfAnotherVersionIsRefusedAtOpening() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"format\":\"vjvector-api-keys\",\"version\":99,\"keys\":[]}");
        IOException e = assertThrows(IOException.class, () -> ApiKeyStore.open(file(), Clock.systemUTC()));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
        Files.writeString(file(), "{\"something\":\"else\"}");
        assertThrows(IOException.class, () -> ApiKeyStore.open(file(), Clock.systemUTC()));
    }

    @Test
    void revokingAnUnknownKeySaysSo() throws IOException {
        ApiKeyStore store = ApiKeyStore.open(file(), new MovableClock());
        assertFalse(store.revoke("0123456789abcdef"));
        assertTrue(store.list().isEmpty());
        assertFalse(Files.exists(file()), "nothing to write yet");
    }

    @Test
    void whileTheRecordsCannotBeReliedOnEveryManagedKeyIsRefusedAs503WithRetryAfterAndNoChallenge() throws IOException {
        ApiKeyFile file = ApiKeyFile.open(file());
        String[] why = {null};
        ApiKeyRecords outdated = new ApiKeyRecords() {
            @Override
            public Optional<String> unavailable() {
                return Optional.ofNullable(why[0]);
            }

            @Override
            public java.util.Map<String, ApiKeyRecord> current() {
                return file.current();
            }

            @Override
            public boolean add(ApiKeyRecord record) {
                return file.add(record);
            }

            @Override
            public boolean remove(String id) {
                return file.remove(id);
            }
        };
        ApiKeyStore store = new ApiKeyStore(outdated, new MovableClock());
        IssuedApiKey valid = store.create(grant(AccessRole.WRITER, List.of(), null));
        String unknown = ApiKeyStore.PREFIX + "0".repeat(ApiKeyStore.ID_CHARS) + "_whatever";
        assertNotNull(store.authenticate(valid.key(), false).caller());

        why[0] = "the API key store is unavailable: not confirmed";
        for (String credential : List.of(valid.key(), unknown)) {
            Authentication refused = store.authenticate(credential, true);
            assertNull(refused.caller());
            assertTrue(refused.unavailable(), "a key cannot be judged either way: " + credential);
            AuthFailure failure = refused.failure();
            assertEquals(503, failure.status());
            assertEquals("Service unavailable: the API key store is unavailable: not confirmed", failure.message());
            assertEquals(1, failure.retryAfterSeconds());
            assertNull(failure.wwwAuthenticate(), "the credential is not what is refused");
        }

        why[0] = null;
        assertNotNull(store.authenticate(valid.key(), false).caller());
        Authentication unknownAgain = store.authenticate(unknown, false);
        assertFalse(unknownAgain.unavailable());
        assertEquals(401, unknownAgain.failure().status());
    }
}
