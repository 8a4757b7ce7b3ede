package io.vjvector.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where collection snapshots live: the {@code vjvector.storage.snapshots-*} keys, next to the
 * data directory settings of {@link StorageConfig}.
 */
@ConfigMapping(prefix = "vjvector.storage")
public interface SnapshotStorageConfig {

    /** Directory of snapshot files (one sub-directory per collection); default {@code <vjvector.storage.path>/snapshots}. */
    Optional<Path> snapshotsPath();

    /**
     * Further directories a recover request's {@code file://} location may point into, besides
     * the snapshots directory (for example a mounted backup volume). None by default.
     */
    Optional<List<Path>> snapshotsRecoveryPaths();
}
