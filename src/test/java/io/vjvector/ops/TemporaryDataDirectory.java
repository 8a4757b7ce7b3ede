package io.vjvector.ops;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
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
            deleteTree(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
