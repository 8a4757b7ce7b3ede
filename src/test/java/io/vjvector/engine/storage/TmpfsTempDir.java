package io.vjvector.engine.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary directories on tmpfs ({@code /dev/shm}) when the machine has one: for tests of file
 * formats that reopen a log hundreds of times, where fsync cost (milliseconds on a shared disk)
 * is not what is tested. Tests of fsync behaviour keep the default temporary directory.
 */
final class TmpfsTempDir implements TempDirFactory {

    private static final Path TMPFS = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        return Files.isDirectory(TMPFS) && Files.isWritable(TMPFS)
                ? Files.createTempDirectory(TMPFS, "vjvector-test")
                : Files.createTempDirectory("vjvector-test");
    }
}
