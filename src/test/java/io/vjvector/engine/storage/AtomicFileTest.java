package io.vjvector.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReplacesWithoutLeavingTemporaryFiles() throws IOException {
        Path target = dir.resolve("checkpoint");
        AtomicFile.write(target, out -> out.write(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        AtomicFile.write(target, out -> {
            out.write(new byte[] {4, 5});
            out.close();
        });
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(target));
        assertFalse(Files.exists(dir.resolve("checkpoint" + AtomicFile.TEMP_SUFFIX)));
    }

    @Test
    void failedWriteLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("checkpoint");
        AtomicFile.write(target, out -> out.write(new byte[] {1}));
        assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(target));
        assertFalse(Files.exists(dir.resolve("checkpoint" + AtomicFile.TEMP_SUFFIX)));
    }

    @Test
    void leftoversOfACrashedWriteAreRemoved() throws IOException {
        Files.write(dir.resolve("a" + AtomicFile.TEMP_SUFFIX), new byte[3]);
        Files.write(dir.resolve("b" + AtomicFile.TEMP_SUFFIX), new byte[3]);
        Files.write(dir.resolve("keep"), new byte[3]);
        assertEquals(2, AtomicFile.removeLeftovers(dir));
        try (var remaining = Files.list(dir)) {
            assertEquals(1, remaining.count());
        }
    }
}
