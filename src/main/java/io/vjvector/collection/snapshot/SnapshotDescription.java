package io.vjvector.collection.snapshot;

import java.time.Instant;

/**
 * A stored snapshot file, as Qdrant lists it.
 *
 * @param name         file name, unique within its collection's snapshot directory
 * @param creationTime when the file was written
 * @param size         bytes of the file
 * @param checksum     SHA-256 of the file's bytes, lower-case hex
 */
public record SnapshotDescription(String name, Instant creationTime, long size, String checksum) {
}
