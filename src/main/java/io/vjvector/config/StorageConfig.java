package io.vjvector.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vjvector.engine.storage.FsyncPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The {@code vjvector.storage.*} configuration: where and how collections are kept on disk. */
@ConfigMapping(prefix = "vjvector.storage")
public interface StorageConfig {

    /** The data directory (catalog, write-ahead logs, checkpoints); created if missing. */
    @WithDefault("data")
    Path path();

    /**
     * When a write is forced to disk before it is acknowledged: {@code always} (every write;
     * concurrent writers share one fsync), {@code interval} (in the background every
     * {@code fsync-interval}), {@code never} (left to the operating system).
     */
    @WithDefault("always")
    FsyncPolicy fsync();

    /** Period of the background fsync under {@code fsync=interval}. */
    @WithDefault("100ms")
    Duration fsyncInterval();

    Wal wal();

    Checkpoint checkpoint();

    Encryption encryption();

    interface Wal {

        /** Size at which a write-ahead log segment is closed and a new one started. */
        @WithDefault("32M")
        MemorySize segmentSize();
    }

    interface Checkpoint {

        /** A shard is checkpointed once this many log bytes were written since its last checkpoint. */
        @WithDefault("64M")
        MemorySize walBytes();

        /** ... or once this long has passed since its last checkpoint with any write in between. */
        @WithDefault("5m")
        Duration interval();

        /** Checkpoint every shard with unsaved log records at shutdown, so the next start replays nothing. */
        @WithDefault("true")
        boolean onShutdown();
    }

    interface Encryption {

        /**
         * Base64 of a 256-bit AES key; when set, new log segments and checkpoints are encrypted
         * (AES-256-GCM). Typically from the environment: {@code VJVECTOR_STORAGE_ENCRYPTION_KEY}.
         */
        Optional<String> key();

        /** Id recorded in every file encrypted under {@code key}, so a later key rotation can find it. */
        @WithDefault("default")
        String keyId();

        /** Older keys, {@code id=base64key} each, kept so that files they encrypted stay readable. */
        Optional<List<String>> previousKeys();
    }
}
