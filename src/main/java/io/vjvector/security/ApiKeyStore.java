package io.vjvector.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * API keys created through {@code /auth/api-keys}, of which only salted hashes are kept (in a
 * file on a standalone node, in etcd in a cluster: see {@link ApiKeyRecords}). A key reads
 * {@code vjk_<id>_<secret>}: the id finds the stored entry without trying every hash, the secret
 * (32 random bytes) proves it.
 *
 * <p>The secret is hashed once with SHA-256 over a per-key salt, not with a slow password hash:
 * slow hashing protects guessable passwords, while 256 random bits cannot be guessed, and every
 * request pays for the hash. The salt keeps equal hashes from showing equal keys.
 *
 * <p>A change is stored before it takes effect, so a revocation applies to the very next request
 * on this node (and, in a cluster, on every node as soon as etcd's watch tells it, or, on a node
 * cut off from etcd, once its copy of the keys is too old to be relied on and every key is refused).
 * Lookups read an immutable map and never lock.
 */
public final class ApiKeyStore {

    /** Marks a managed key, so other credentials are not looked up here. */
    static final String PREFIX = "vjk_";
    private static final int ID_BYTES = 8;
    static final int ID_CHARS = ID_BYTES * 2;
    private static final int SECRET_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final ApiKeyRecords records;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeyStore(ApiKeyRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    /**
     * Opens the store kept in {@code file} (see {@link ApiKeyFile#open}).
     *
     * @throws IOException when the file cannot be read or is not a store of a known version
     */
    public static ApiKeyStore open(Path file, Clock clock) throws IOException {
        return new ApiKeyStore(ApiKeyFile.open(file), clock);
    }

    /** Where the keys are kept. */
    public ApiKeyRecords records() {
        return records;
    }

    /**
     * Creates a key for {@code grant}, stores its hash and returns it; its secret is not kept.
     *
     * @throws java.io.UncheckedIOException when the store cannot be written (then no key was created)
     */
    public IssuedApiKey create(ApiKeyGrant grant) {
        while (true) {
            String id = HexFormat.of().formatHex(randomBytes(ID_BYTES));
            String secret = B64URL.encodeToString(randomBytes(SECRET_BYTES));
            // 64 random id bits make a clash unheard of, but the store refuses one rather than overwrite.
            if (records.add(ApiKeyRecord.of(id, randomBytes(SALT_BYTES), secret, grant, clock.instant()))) {
                return new IssuedApiKey(id, PREFIX + id + "_" + secret);
            }
        }
    }

    /**
     * Revokes a key: from the next request on it is refused.
     *
     * @return false when no key has that id
     * @throws java.io.UncheckedIOException when the store cannot be written (then the key still works)
     */
    public boolean revoke(String id) {
        return records.remove(id);
    }

    /** Every key's description, oldest first; no secret, salt or hash. */
    public List<ApiKeyInfo> list() {
        Instant now = clock.instant();
        return records.current().values().stream().map(k -> k.info(now)).toList();
    }

    /** The secret part of a managed key: everything after its fixed-length id (it may itself hold {@code _}). */
    static String secretOf(String credential) {
        return credential.substring(PREFIX.length() + ID_CHARS + 1);
    }

    /** Whether a credential has the shape of a managed key (and so is judged only here). */
    static boolean isManagedKey(String credential) {
        return credential.startsWith(PREFIX) && credential.length() > PREFIX.length() + ID_CHARS + 1
                && credential.charAt(PREFIX.length() + ID_CHARS) == '_';
    }

    /**
     * The caller a managed key stands for, or why it is refused (unknown, revoked or expired), or
     * that no managed key can be checked now ({@link ApiKeyRecords#unavailable}): then every key is
     * refused alike, since a key unknown to an outdated copy may have been created since, and one
     * it knows may have been revoked. Only for credentials that {@link #isManagedKey} accepts.
     */
    Authentication authenticate(String credential, boolean bearer) {
        String unavailable = records.unavailable().orElse(null);
        if (unavailable != null) {
            return Authentication.unavailable(unavailable);
        }
        String id = credential.substring(PREFIX.length(), PREFIX.length() + ID_CHARS);
        ApiKeyRecord stored = records.current().get(id);
        if (stored == null || !stored.matches(secretOf(credential))) {
            return Authentication.refused("invalid API key or token");
        }
        ApiKeyGrant grant = stored.grant();
        if (grant.expiresAt().isPresent() && !clock.instant().isBefore(grant.expiresAt().get())) {
            return Authentication.refused("the API key has expired");
        }
        Access access = grant.collections().isEmpty() ? Access.global(grant.role())
                : Access.perCollection(grant.collections().stream()
                        .collect(Collectors.toMap(Function.identity(), c -> grant.role(), (a, b) -> a)));
        return Authentication.of(new Caller("api-key:" + id, Caller.Scheme.API_KEY, access, grant.tenant(), bearer));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
