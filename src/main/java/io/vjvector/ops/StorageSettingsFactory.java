package io.vjvector.ops;

import io.vjvector.collection.StorageSettings;
import io.vjvector.config.StorageConfig;
import io.vjvector.engine.storage.EncryptionKeys;
import io.vjvector.engine.storage.WalOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/** Translates {@code vjvector.storage.*} into the engine's settings, failing start-up on a bad key list. */
final class StorageSettingsFactory {

    private StorageSettingsFactory() {
    }

    static StorageSettings from(StorageConfig config) {
        WalOptions wal = WalOptions.defaults()
                .withFsyncPolicy(config.fsync())
                .withFsyncInterval(config.fsyncInterval())
                .withSegmentBytes(config.wal().segmentSize().asLongValue())
                .withKeys(keys(config.encryption()));
        return new StorageSettings(config.path(), wal, config.checkpoint().walBytes().asLongValue(),
                config.checkpoint().interval(), config.checkpoint().onShutdown());
    }

    static EncryptionKeys keys(StorageConfig.Encryption config) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String entry : config.previousKeys().orElse(java.util.List.of())) {
            int eq = entry.indexOf('=');
            // A bare base64 key has '=' padding at its end: never mistake it for "id=" (and so
            // never echo it as an id in an error).
            if (eq <= 0 || entry.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException("vjvector.storage.encryption.previous-keys entries are id=base64key;"
                        + " got an entry without an id");
            }
            keys.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        String current = config.key().map(String::strip).filter(k -> !k.isEmpty()).orElse(null);
        if (current == null) {
            return keys.isEmpty() ? EncryptionKeys.none() : EncryptionKeys.of(null, keys);
        }
        keys.put(config.keyId(), current);
        return EncryptionKeys.of(config.keyId(), keys);
    }
}
