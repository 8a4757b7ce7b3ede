package io.vjvector.engine.storage;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per message, laid out as {@code nonce | ciphertext | tag}.
 * One instance per thread (a {@link Cipher} is not thread-safe); reusing it avoids a provider
 * lookup per record and lets the JDK keep the expanded key schedule between calls.
 */
final class Gcm {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    /** Bytes a sealed message adds to its plaintext. */
    static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cipher cipher;
    private final byte[] nonce = new byte[NONCE_BYTES];

    Gcm() {
        try {
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JVM", e);
        }
    }

    /** A fresh random AES-256 data key. */
    static SecretKey newDataKey() {
        byte[] raw = new byte[KEY_BYTES];
        RANDOM.nextBytes(raw);
        return new SecretKeySpec(raw, "AES");
    }

    /**
     * Encrypts the remaining bytes of {@code plain} and appends {@code nonce | ciphertext | tag}
     * to {@code out}. {@code aad} (consumed) is authenticated but not encrypted.
     */
    void seal(SecretKey key, ByteBuffer aad, ByteBuffer plain, ByteBuffer out) {
        RANDOM.nextBytes(nonce);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            out.put(nonce);
            cipher.doFinal(plain, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM encryption failed", e);
        }
    }

    /**
     * Decrypts the remaining bytes of {@code sealed} ({@code nonce | ciphertext | tag}) into
     * {@code out}.
     *
     * @return false when authentication fails: wrong key, altered bytes or altered {@code aad}
     */
    boolean open(SecretKey key, ByteBuffer aad, ByteBuffer sealed, ByteBuffer out) {
        if (sealed.remaining() < OVERHEAD) {
            return false;
        }
        sealed.get(nonce);
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            cipher.doFinal(sealed, out);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM decryption failed", e);
        }
    }
}
