package io.vjvector.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vjvector.config.StorageConfig;
import io.vjvector.engine.storage.EncryptionKeys;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code vjvector.storage.encryption.*} becomes the engine's key set, or start-up fails saying why. */
class StorageSettingsFactoryTest {

    private static final String K1 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String K2 = "HxwdHhscGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";

    private static StorageConfig.Encryption encryption(String key, String keyId, List<String> previous) {
        return new StorageConfig.Encryption() {
            @Override
            public Optional<String> key() {
                return Optional.ofNullable(key);
            }

            @Override
            public String keyId() {
                return keyId;
            }

            @Override
            public Optional<List<String>> previousKeys() {
                return Optional.ofNullable(previous);
            }
        };
    }

    @Test
    void noKeyMeansPlaintext() {
        assertFalse(StorageSettingsFactory.keys(encryption(null, "default", null)).encrypts());
        assertFalse(StorageSettingsFactory.keys(encryption("  ", "default", null)).encrypts());
    }

    @Test
    void currentAndPreviousKeysByIdBase64PaddingIncluded() {
        EncryptionKeys keys = StorageSettingsFactory.keys(encryption(K2, "2026-11", List.of("2026-01=" + K1)));
        assertTrue(keys.encrypts());
        assertEquals("2026-11", keys.currentKeyId());
        assertEquals(Set.of("2026-01", "2026-11"), keys.keyIds());
    }

    @Test
    void previousKeysAloneStillReadOldData() {
        EncryptionKeys keys = StorageSettingsFactory.keys(encryption(null, "default", List.of("old=" + K1)));
        assertFalse(keys.encrypts());
        assertEquals(Set.of("old"), keys.keyIds());
    }

    @Test
    void malformedEntriesAndKeysAreRefusedWithoutEchoingKeyMaterial() {
        IllegalArgumentException noId = assertThrows(IllegalArgumentException.class,
                () -> StorageSettingsFactory.keys(encryption(K1, "k", List.of(K2))));
        assertTrue(noId.getMessage().contains("id=base64key"), noId.getMessage());
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> StorageSettingsFactory.keys(encryption("c2hvcnQ=", "k", null)));
        assertTrue(shortKey.getMessage().contains("256 bits"), shortKey.getMessage());
        assertFalse(shortKey.getMessage().contains("c2hvcnQ"), "the key itself is never in a message");
    }
}
