package io.vjvector.engine.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removal of a whole directory tree: dropped collections, replaced shards, scratch data. */
public final class DirectoryTree {

    private DirectoryTree() {
    }

    /**
     * Deletes {@code dir} and everything below it; does nothing when it is {@code null} or does
     * not exist. Symbolic links are deleted, never followed.
     *
     * @throws IOException when an entry cannot be deleted or listed; entries already visited
     *     are gone, the rest stay
     */
    public static void delete(Path dir) throws IOException {
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
                // A directory that could not be listed completely cannot be empty: report why.
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
