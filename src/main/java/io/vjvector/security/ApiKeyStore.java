package io.vjvector.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vjvector.engine.storage.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * API keys created through {@code /auth/api-keys}, kept in one file that holds only their salted
 * hashes. A key reads {@code vjk_<id>_<secret>}: the id finds the stored entry without trying every
 * hash, the secret (32 random bytes) proves it.
 *
 * <p>The secret is hashed once with SHA-256 over a per-key salt, not with a slow password hash:
 * slow hashing protects guessable passwords, while 256 random bits cannot be guessed, and every
 * request pays for the hash. The salt keeps equal hashes from showing equal keys.
 *
 * <p>Changes are written to the file (atomically, see {@link AtomicFile}) before they take effect
 * in memory, so a key that was revoked stays revoked after a restart, and a revocation applies to
 * the very next request. Lookups read an immutable map and never lock.
 */
public final class ApiKeyStore {

    /** Marks a managed key, so other credentials are not looked up here. */
    static final String PREFIX = "vjk_";
    static final int FORMAT_VERSION = 1;
    private static final String FORMAT = "vjvector-api-keys";
    private static final int ID_BYTES = 8;
    static final int ID_CHARS = ID_BYTES * 2;
    private static final int SECRET_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

    private final Path file;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Map<String, StoredKey> keys;

    private ApiKeyStore(Path file, Clock clock, Map<String, StoredKey> keys) {
        this.file = file;
        this.clock = clock;
        this.keys = keys;
    }

    /**
     * Opens the store kept in {@code file}, creating its directory (owner-only where the file
     * system allows) if missing; a missing file is an empty store.
     *
     * @throws IOException when the file cannot be read or is not a store of a known version
     */
    public static ApiKeyStore open(Path file, Clock clock) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + AtomicFile.TEMP_SUFFIX));
        Map<String, StoredKey> keys = Files.exists(file) ? read(file) : Map.of();
        return new ApiKeyStore(file, clock, keys);
    }

    /** The file the keys are kept in. */
    public Path file() {
        return file;
    }

    /**
     * Creates a key for {@code grant}, stores its hash and returns it; its secret is not kept.
     *
     * @throws UncheckedIOException when the store cannot be written (then no key was created)
     */
    public synchronized IssuedApiKey create(ApiKeyGrant grant) {
        String id;
        do {
            id = HexFormat.of().formatHex(randomBytes(ID_BYTES));
        } while (keys.containsKey(id));
        String secret = B64URL.encodeToString(randomBytes(SECRET_BYTES));
        byte[] salt = randomBytes(SALT_BYTES);
        StoredKey stored = new StoredKey(id, salt, hash(salt, secret), grant, clock.instant());
        Map<String, StoredKey> next = new LinkedHashMap<>(keys);
        next.put(id, stored);
        replace(next);
        return new IssuedApiKey(id, PREFIX + id + "_" + secret);
    }

    /**
     * Revokes a key: from the next request on it is refused.
     *
     * @return false when no key has that id
     * @throws UncheckedIOException when the store cannot be written (then the key still works)
     */
    public synchronized boolean revoke(String id) {
        if (!keys.containsKey(id)) {
            return false;
        }
        Map<String, StoredKey> next = new LinkedHashMap<>(keys);
        next.remove(id);
        replace(next);
        return true;
    }

    /** Every key's description, oldest first; no secret, salt or hash. */
    public List<ApiKeyInfo> list() {
        Instant now = clock.instant();
        return keys.values().stream().map(k -> k.info(now)).toList();
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
     * The caller a managed key stands for, or why it is refused (unknown, revoked or expired).
     * Only for credentials that {@link #isManagedKey} accepts.
     */
    Authentication authenticate(String credential, boolean bearer) {
        String id = credential.substring(PREFIX.length(), PREFIX.length() + ID_CHARS);
        String secret = secretOf(credential);
        StoredKey stored = keys.get(id);
        // Constant-time comparison: response times do not tell how much of a guess was right.
        if (stored == null || !MessageDigest.isEqual(stored.hash(), hash(stored.salt(), secret))) {
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

    private void replace(Map<String, StoredKey> next) {
        try {
            byte[] content = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document(next));
            AtomicFile.write(file, out -> out.write(content));
        } catch (IOException e) {
            throw new UncheckedIOException("writing the API key store " + file, e);
        }
        keys = Map.copyOf(next);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] hash(byte[] salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static ObjectNode document(Map<String, StoredKey> keys) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", FORMAT_VERSION);
        ArrayNode list = root.putArray("keys");
        for (StoredKey k : keys.values()) {
            ObjectNode entry = list.addObject();
            entry.put("id", k.id());
            entry.put("salt", B64.encodeToString(k.salt()));
            entry.put("sha256", B64.encodeToString(k.hash()));
            entry.put("role", k.grant().role().configName());
            k.grant().tenant().ifPresent(t -> entry.put("tenant", t));
            ArrayNode collections = entry.putArray("collections");
            k.grant().collections().forEach(collections::add);
            k.grant().expiresAt().ifPresent(t -> entry.put("expires_at", t.toString()));
            entry.put("created_at", k.createdAt().toString());
        }
        return root;
    }

    private static Map<String, StoredKey> read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("version").canConvertToInt()) {
            throw new IOException(file + " is not an API key store");
        }
        int version = root.path("version").intValue();
        if (version != FORMAT_VERSION) {
            throw new IOException(file + " has API key store version " + version + "; this build reads version "
                    + FORMAT_VERSION);
        }
        Map<String, StoredKey> keys = new LinkedHashMap<>();
        for (JsonNode entry : root.path("keys")) {
            try {
                StoredKey key = entry(entry);
                keys.put(key.id(), key);
            } catch (RuntimeException e) {
                throw new IOException(file + " has an unreadable key entry: " + e.getMessage(), e);
            }
        }
        return Map.copyOf(keys);
    }

    private static StoredKey entry(JsonNode entry) {
        List<String> collections = new ArrayList<>();
        entry.path("collections").forEach(c -> collections.add(c.textValue()));
        AccessRole role = AccessRole.fromClaim(required(entry, "role"))
                .orElseThrow(() -> new IllegalArgumentException("unknown role " + entry.get("role")));
        ApiKeyGrant grant = new ApiKeyGrant(role, Optional.ofNullable(entry.path("tenant").textValue()),
                collections, Optional.ofNullable(entry.path("expires_at").textValue()).map(Instant::parse));
        return new StoredKey(required(entry, "id"), B64_DECODE.decode(required(entry, "salt")),
                B64_DECODE.decode(required(entry, "sha256")), grant, Instant.parse(required(entry, "created_at")));
    }

    private static String required(JsonNode entry, String name) {
        String value = entry.path(name).textValue();
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }

    /** One stored key: everything but its secret. */
    private record StoredKey(String id, byte[] salt, byte[] hash, ApiKeyGrant grant, Instant createdAt) {

        ApiKeyInfo info(Instant now) {
            return new ApiKeyInfo(id, grant.role().configName(), grant.tenant().orElse(null), grant.collections(),
                    grant.expiresAt().map(Instant::toString).orElse(null), createdAt.toString(),
                    grant.expiresAt().map(t -> !now.isBefore(t)).orElse(false));
        }
    }
}
