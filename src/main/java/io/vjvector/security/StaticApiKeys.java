package io.vjvector.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Qdrant's static keys: {@code vjvector.auth.api-key} (admin) and
 * {@code vjvector.auth.read-only-api-key} (reader). Compared in constant time, so response times
 * do not reveal how much of a guess was right.
 */
final class StaticApiKeys {

    private final byte[] admin;
    private final byte[] readOnly;

    StaticApiKeys(Optional<String> admin, Optional<String> readOnly) {
        this.admin = bytes(admin);
        this.readOnly = bytes(readOnly);
    }

    boolean any() {
        return admin != null || readOnly != null;
    }

    Optional<Caller> match(String presented, boolean bearer) {
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        if (admin != null && MessageDigest.isEqual(admin, candidate)) {
            return Optional.of(new Caller("api-key:admin", Caller.Scheme.API_KEY,
                    Access.global(AccessRole.ADMIN), Optional.empty(), bearer));
        }
        if (readOnly != null && MessageDigest.isEqual(readOnly, candidate)) {
            return Optional.of(new Caller("api-key:read-only", Caller.Scheme.API_KEY,
                    Access.global(AccessRole.READER), Optional.empty(), bearer));
        }
        return Optional.empty();
    }

    /** Empty keys count as unset, as in Qdrant. */
    private static byte[] bytes(Optional<String> key) {
        return key.filter(k -> !k.isEmpty()).map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }
}
