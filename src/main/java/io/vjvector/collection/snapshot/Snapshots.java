package io.vjvector.collection.snapshot;

import java.nio.file.Path;
import java.util.List;

/**
 * Qdrant's collection snapshot operations, as every role serves them: {@link CollectionSnapshots}
 * for the collections of a standalone node, {@code io.vjvector.cluster.gateway.ClusterSnapshots}
 * for a cluster's collections. Both write and read the same file format, so a snapshot moves
 * between a standalone node and a cluster either way.
 */
public interface Snapshots {

    /**
     * Writes a new snapshot of {@code collection} (or the collection an alias names).
     *
     * @throws io.vjvector.error.VJVectorException NOT_FOUND when the collection does not exist
     */
    SnapshotDescription create(String collection);

    /** The snapshots directory. */
    Path directory();

    /**
     * The snapshots of {@code collection}, oldest first.
     *
     * @throws io.vjvector.error.VJVectorException NOT_FOUND when neither the collection nor snapshots of it exist
     */
    List<SnapshotDescription> list(String collection);

    /**
     * The file of snapshot {@code name}, for download.
     *
     * @throws io.vjvector.error.VJVectorException NOT_FOUND when there is no such snapshot
     */
    Path file(String collection, String name);

    /** @throws io.vjvector.error.VJVectorException NOT_FOUND when there is no such snapshot */
    void delete(String collection, String name);

    /**
     * Restores the snapshot at {@code location} (see {@link SnapshotLocations}) into {@code collection}.
     *
     * @param checksum optional SHA-256 (hex) the file must have
     * @param priority optional Qdrant priority ({@code no_sync}, {@code snapshot}, {@code replica})
     */
    void recover(String collection, String location, String checksum, String priority);

    /** Restores an uploaded snapshot file into {@code collection}; as {@link #recover}. */
    void recoverUploaded(String collection, Path file, String checksum, String priority);
}
