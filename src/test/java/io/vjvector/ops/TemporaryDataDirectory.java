package io.vjvector.ops;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vjvector.engine.storage.DirectoryTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fresh data directory for every application start in the tests (several builds may run side
 * by side, and tests expect no collections left over from another test profile), deleted when
 * the application stops. Active for every {@code @QuarkusTest} (see {@link TestDataDirectories}).
 * A test that sets {@code vjvector.storage.path} itself (restart tests) wins over it.
 */
public class TemporaryDataDirectory implements QuarkusTestResourceLifecycleManager {

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("vjvector-test-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("vjvector.storage.path", directory.toString());
    }

    @Override
    public void stop() {
        try {
            DirectoryTree.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
