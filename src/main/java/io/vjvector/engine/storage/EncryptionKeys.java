package io.vjvector.engine.storage;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Master keys for encryption at rest: the current key (new files are encrypted with it) and
 * previous keys kept only so that older files stay readable after a rotation. Keys are AES-256
 * (32 bytes, configured base64-encoded) and never appear in {@link #toString()} or messages.
 *
 * <p>Master keys only wrap per-file data keys (see docs/storage-format.md), so a key encrypts a
 * handful of bytes per segment or snapshot file, far below any GCM usage limit.
 */
public final class EncryptionKeys {

    private static final EncryptionKeys NONE = new EncryptionKeys(null, Map.of());

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;

    private EncryptionKeys(String currentKeyId, Map<String, SecretKey> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = keys;
    }

    /** No keys: files are written in plaintext and encrypted files cannot be opened. */
    public static EncryptionKeys none() {
        return NONE;
    }

    /**
     * @param currentKeyId   id of the key new files are encrypted with, or {@code null} to write
     *                       plaintext while still reading files encrypted with the given keys
     * @param base64KeysById every configured key (current and previous) by id; each decodes to
     *                       exactly 32 bytes; ids are 1–255 bytes of UTF-8
     * @throws IllegalArgumentException for a malformed key or id, or a current id with no key
     */
    public static EncryptionKeys of(String currentKeyId, Map<String, String> base64KeysById) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        base64KeysById.forEach((id, base64) -> keys.put(checkId(id), decode(id, base64)));
        if (currentKeyId != null && !keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("current encryption key id '" + currentKeyId
                    + "' has no key; configured ids: " + keys.keySet());
        }
        return new EncryptionKeys(currentKeyId, Map.copyOf(keys));
    }

    /** Shorthand for a single current key and no previous keys. */
    public static EncryptionKeys of(String currentKeyId, String base64Key) {
        return of(currentKeyId, Map.of(currentKeyId, base64Key));
    }

    /** True when new files are encrypted. */
    public boolean encrypts() {
        return currentKeyId != null;
    }

    /** Id of the key new files are encrypted with; only when {@link #encrypts()}. */
    public String currentKeyId() {
        if (currentKeyId == null) {
            throw new IllegalStateException("no current encryption key configured");
        }
        return currentKeyId;
    }

    /** Every configured key id, current and previous. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    SecretKey currentKey() {
        return keys.get(currentKeyId());
    }

    /**
     * The key {@code source} was encrypted with.
     *
     * @throws StorageKeyException naming the key id when it is not configured
     */
    SecretKey key(String keyId, String source) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new StorageKeyException(keyId, source + " is encrypted with key id '" + keyId
                    + "', which is not configured (configured ids: " + keys.keySet()
                    + "); add it as a previous key to read this data");
        }
        return key;
    }

    @Override
    public String toString() {
        return "EncryptionKeys[current=" + currentKeyId + ", ids=" + keys.keySet() + "]";
    }

    static String checkId(String id) {
        int bytes = id == null ? 0 : id.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > 255) {
            throw new IllegalArgumentException("encryption key id must be 1-255 bytes of UTF-8, got '" + id + "'");
        }
        return id;
    }

    private static SecretKey decode(String id, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encryption key '" + id + "' is not valid base64");
        }
        if (raw.length != Gcm.KEY_BYTES) {
            throw new IllegalArgumentException("encryption key '" + id + "' must be 256 bits ("
                    + Gcm.KEY_BYTES + " bytes) base64-encoded, got " + raw.length + " bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }
}
