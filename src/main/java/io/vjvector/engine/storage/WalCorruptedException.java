package io.vjvector.engine.storage;

import java.nio.file.Path;

/**
 * A WAL segment is damaged before its tail: a bad record followed by valid data, a bad segment
 * header, a gap in sequences, or a damaged segment that is not the last one. Opening or reading
 * stops here rather than dropping or returning wrong records.
 */
public final class WalCorruptedException extends CorruptedStorageException {

    private final Path file;

    public WalCorruptedException(Path file, long offset, String reason) {
        super(file.toString(), offset, reason);
        this.file = file;
    }

    /** The damaged segment file. */
    public Path file() {
        return file;
    }
}
