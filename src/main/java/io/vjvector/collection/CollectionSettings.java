package io.vjvector.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The collection settings Qdrant clients send besides vectors, sharding, HNSW m/ef and the
 * vacuum optimizer: what VJVector stores, reports and, where it has a meaning, honours.
 *
 * @param onDiskPayload Qdrant's payload-on-disk flag; VJVector keeps payloads in memory (and in
 *                      its log and checkpoints), so it is stored and reported only
 * @param hnsw          the rest of {@code hnsw_config}
 * @param wal           {@code wal_config}; its capacity is the collection's log segment size
 * @param strictMode    {@code strict_mode_config}; null when never set ({@link StrictModeConfig#DISABLED} is reported)
 * @param metadata      Qdrant's free-form collection metadata (a JSON object), or null
 * @param textConfig    {@code text_config} of a collection that stores documents, or null
 */
public record CollectionSettings(boolean onDiskPayload, HnswSettings hnsw, WalSettings wal, StrictModeConfig strictMode,
                                 ObjectNode metadata, TextConfig textConfig) {

    /** What a collection created without any of these settings has. */
    public static final CollectionSettings DEFAULTS = new CollectionSettings(false, null, null, null, null, null);

    /** Settings of a collection that stores no documents. */
    public CollectionSettings(boolean onDiskPayload, HnswSettings hnsw, WalSettings wal, StrictModeConfig strictMode,
                              ObjectNode metadata) {
        this(onDiskPayload, hnsw, wal, strictMode, metadata, null);
    }

    /** Absent groups (a catalog or snapshot written before they existed) take the defaults. */
    public CollectionSettings {
        if (hnsw == null) {
            hnsw = HnswSettings.DEFAULTS;
        }
        if (wal == null) {
            wal = WalSettings.DEFAULTS;
        }
    }

    /** The strict mode in force: the configured one, or disabled. */
    public StrictModeConfig effectiveStrictMode() {
        return strictMode == null ? StrictModeConfig.DISABLED : strictMode;
    }
}
