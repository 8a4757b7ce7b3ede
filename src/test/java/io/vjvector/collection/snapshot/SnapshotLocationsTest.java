package io.vjvector.collection.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vjvector.error.ErrorKind;
import io.vjvector.error.VJVectorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotLocationsTest {

    @TempDir
    Path dir;

    private Path root;
    private Path extra;
    private Path snapshot;
    private SnapshotLocations locations;

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectories(dir.resolve("snapshots"));
        extra = Files.createDirectories(dir.resolve("backups"));
        snapshot = Files.writeString(Files.createDirectories(root.resolve("c")).resolve("c-1.snapshot"), "x");
        Files.writeString(extra.resolve("b.snapshot"), "x");
        Files.writeString(dir.resolve("secret.snapshot"), "x");
        locations = new SnapshotLocations(new SnapshotStore(root), List.of(extra));
    }

    @Test
    void namesRelativePathsAndFileUrlsInsideAllowedDirectoriesResolve() throws Exception {
        Path real = snapshot.toRealPath();
        assertEquals(real, locations.resolve("c-1.snapshot", "c"));
        assertEquals(real, locations.resolve("c/c-1.snapshot", "other"));
        assertEquals(real, locations.resolve(snapshot.toUri().toString(), "other"));
        assertEquals(real, locations.resolve("file://" + snapshot.toAbsolutePath(), "other"));
        assertEquals(real, locations.resolve(snapshot.toAbsolutePath().toString(), "other"));
        assertEquals(extra.resolve("b.snapshot").toRealPath(), locations.resolve(extra.resolve("b.snapshot").toUri().toString(), "c"));
    }

    @Test
    void remoteUrlsAndPathsOutsideAreRefusedNamingLocation() throws Exception {
        Files.createSymbolicLink(root.resolve("c").resolve("link.snapshot"), dir.resolve("secret.snapshot"));
        for (String location : List.of("http://127.0.0.1:6333/collections/c/snapshots/c-1.snapshot",
                "https://host/c-1.snapshot", "s3://bucket/c-1.snapshot", "ftp://h/x",
                dir.resolve("secret.snapshot").toUri().toString(), dir.resolve("secret.snapshot").toString(),
                "../secret.snapshot", "c/../../secret.snapshot", "file:///etc/passwd", "file://host/x.snapshot",
                "link.snapshot", root.toString(), "")) {
            VJVectorException e = assertThrows(VJVectorException.class, () -> locations.resolve(location, "c"), location);
            assertEquals(ErrorKind.BAD_REQUEST, e.kind(), location);
            assertEquals("location", e.field(), location);
        }
    }

    @Test
    void missingFilesInsideAllowedDirectoriesAreNotFound() {
        for (String location : List.of("nope.snapshot", "c/nope.snapshot", root.resolve("x/y.snapshot").toUri().toString())) {
            assertEquals(ErrorKind.NOT_FOUND,
                    assertThrows(VJVectorException.class, () -> locations.resolve(location, "c"), location).kind());
        }
    }
}
