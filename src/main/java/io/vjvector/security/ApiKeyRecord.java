package io.vjvector.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What is stored of one managed API key: everything but its secret. The same JSON form serves
 * every store (an entry of the standalone file, the value of one etcd key in a cluster), so a key
 * reads the same wherever it is kept.
 *
 * @param id        the key's public id
 * @param salt      random bytes hashed before the secret
 * @param sha256    SHA-256 over {@code salt} then the secret's UTF-8 bytes
 * @param grant     what the key allows
 * @param createdAt when it was created
 */
public record ApiKeyRecord(String id, byte[] salt, byte[] sha256, ApiKeyGrant grant, Instant createdAt) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

    /** The record of a key whose secret is {@code secret}; the secret itself is not kept. */
    static ApiKeyRecord of(String id, byte[] salt, String secret, ApiKeyGrant grant, Instant createdAt) {
        return new ApiKeyRecord(id, salt.clone(), hash(salt, secret), grant, createdAt);
    }

    /** Whether {@code secret} is this key's, compared in constant time (response times tell nothing of a guess). */
    boolean matches(String secret) {
        return MessageDigest.isEqual(sha256, hash(salt, secret));
    }

    /** What listing tells of the key: no secret, salt or hash. */
    ApiKeyInfo info(Instant now) {
        return new ApiKeyInfo(id, grant.role().configName(), grant.tenant().orElse(null), grant.collections(),
                grant.expiresAt().map(Instant::toString).orElse(null), createdAt.toString(),
                grant.expiresAt().map(t -> !now.isBefore(t)).orElse(false));
    }

    /** The record as a JSON object: id, salt, sha256, role, tenant?, collections, expires_at?, created_at. */
    public ObjectNode toJson() {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("id", id);
        entry.put("salt", B64.encodeToString(salt));
        entry.put("sha256", B64.encodeToString(sha256));
        entry.put("role", grant.role().configName());
        grant.tenant().ifPresent(t -> entry.put("tenant", t));
        ArrayNode collections = entry.putArray("collections");
        grant.collections().forEach(collections::add);
        grant.expiresAt().ifPresent(t -> entry.put("expires_at", t.toString()));
        entry.put("created_at", createdAt.toString());
        return entry;
    }

    /**
     * Reads what {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static ApiKeyRecord fromJson(JsonNode entry) {
        List<String> collections = new ArrayList<>();
        entry.path("collections").forEach(c -> collections.add(c.textValue()));
        AccessRole role = AccessRole.fromClaim(required(entry, "role"))
                .orElseThrow(() -> new IllegalArgumentException("unknown role " + entry.get("role")));
        ApiKeyGrant grant = new ApiKeyGrant(role, Optional.ofNullable(entry.path("tenant").textValue()),
                collections, Optional.ofNullable(entry.path("expires_at").textValue()).map(Instant::parse));
        return new ApiKeyRecord(required(entry, "id"), B64_DECODE.decode(required(entry, "salt")),
                B64_DECODE.decode(required(entry, "sha256")), grant, Instant.parse(required(entry, "created_at")));
    }

    private static String required(JsonNode entry, String name) {
        String value = entry.path(name).textValue();
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
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

    @Override
    public String toString() {
        return "ApiKeyRecord[id=" + id + ", grant=" + grant + ", createdAt=" + createdAt + "]";
    }
}
