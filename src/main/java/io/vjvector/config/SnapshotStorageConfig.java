package io.vjvector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where collection snapshots live ({@code vjvector.storage.*}, the keys snapshots use). */
@ConfigMapping(prefix = "vjvector.storage")
public interface SnapshotStorageConfig {

    /** The data directory; snapshots go under it unless {@link #snapshotsPath()} says otherwise. */
    @WithDefault("data")
    Path path();

    /** Directory of snapshot files (one sub-directory per collection); default {@code <path>/snapshots}. */
    Optional<Path> snapshotsPath();

    /**
     * Further directories a recover request's {@code file://} location may point into, besides
     * the snapshots directory (for example a mounted backup volume). Empty by default.
     */
    Optional<List<Path>> snapshotsRecoveryPaths();

    /** The snapshots directory in effect. */
    default Path effectiveSnapshotsPath() {
        return snapshotsPath().orElse(path().resolve("snapshots"));
    }
}
