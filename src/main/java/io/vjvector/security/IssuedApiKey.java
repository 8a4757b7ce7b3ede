package io.vjvector.security;

/**
 * A key just created: the only time its secret exists outside the caller's hands.
 *
 * @param id  the key's public id (for listing and revoking)
 * @param key the whole key, to be sent in the {@code api-key} header or as a bearer token
 */
public record IssuedApiKey(String id, String key) {

    @Override
    public String toString() {
        return "IssuedApiKey[id=" + id + "]";
    }
}
